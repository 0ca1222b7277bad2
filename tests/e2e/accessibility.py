"""WCAG 2.1 A and AA checks with axe-core, run inside the page under test."""

from pathlib import Path

AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text()
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def wcag_violations(page) -> list[str]:
    """The axe-core violations of WCAG 2.1 AA on the current page, one line each."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE)
    result = page.evaluate(
        # No preload: axe would copy @import-ed stylesheets (the admin's forms.css) into
        # inline <style> elements, which the Content Security Policy rightly refuses.
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " preload: false})",
        WCAG_TAGS,
    )
    return [
        f"{violation['id']}: {violation['help']} at {node['target']}"
        for violation in result["violations"]
        for node in violation["nodes"]
    ]
