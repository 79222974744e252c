"""A Content-Security-Policy for every page: scripts only from the site itself.

Material's pages carry a few small inline scripts (its scope, palette and anchor set-up),
which differ with a page's depth. Rather than allow every inline script, each page's own
inline scripts are hashed and only those hashes are allowed, so a script that slipped into
the content could not run, and nothing may load from another host.
"""

from __future__ import annotations

import base64
import hashlib
import re

# Case-sensitive (faster on every page): the theme writes lower-case tags, and a script the
# pattern missed would get no hash, so the browser would refuse it, which is the safe side.
_INLINE_SCRIPT_RE = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.S)
_DATA_TYPES = ("application/json", "application/ld+json")


def script_hashes(html: str, content: str = "") -> list[str]:
    """CSP hash sources for the theme's executable inline scripts.

    A script that appears in the page's own content is never allowed: only the scripts
    the theme writes around the content are.
    """
    hashes = []
    for attributes, body in _INLINE_SCRIPT_RE.findall(html):
        if any(kind in attributes for kind in _DATA_TYPES):
            continue  # data blocks never run, so they need no permission
        if content and body in content:
            continue
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
        hashes.append(f"'sha256-{digest}'")
    return sorted(set(hashes))


def policy_for(html: str, content: str = "") -> str:
    scripts = " ".join(["'self'", *script_hashes(html, content)])
    return (
        "default-src 'self'; "
        f"script-src {scripts}; "
        "style-src 'self'; "
        "img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self'; "
        "object-src 'none'; base-uri 'self'; form-action 'self'"
    )


def add_policy(html: str, content: str = "") -> str:
    """Insert the page's policy as the first element of <head>, before any script.

    `content` is the page's rendered body; scripts found in it are not allowed to run.
    """
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy_for(html, content)}">'
    return html.replace("<head>", "<head>\n    " + meta, 1)
