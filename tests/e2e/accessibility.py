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


# WCAG 1.4.11: what axe does not measure, the borders of controls and the focus ring
# against what is behind them. Measured in the browser, on the computed styles.
CONTRAST_JS = """
(selector) => {
  const parse = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
  const luminance = ([r, g, b]) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const ratio = (a, b) => {
    const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  const background = (el) => {
    for (let node = el.parentElement; node; node = node.parentElement) {
      const c = parse(getComputedStyle(node).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] > 0.5)) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  return Array.from(document.querySelectorAll(selector)).filter((el) => el.offsetParent)
    .map((el) => {
      const style = getComputedStyle(el);
      const behind = background(el);
      const border = parse(style.borderTopColor).slice(0, 3);
      el.focus({focusVisible: true});
      const focused = getComputedStyle(el);
      const ring = parse(focused.outlineColor).slice(0, 3);
      const result = {
        what: el.id || el.name || el.tagName,
        border: style.borderTopWidth === "0px" ? null : ratio(border, behind),
        focus: focused.outlineStyle === "none" || focused.outlineWidth === "0px"
          ? 0 : ratio(ring, behind),
      };
      el.blur();
      return result;
    });
}
"""


def contrast_failures(page, selector: str = "input:not([type=hidden]), select, textarea") -> list:
    """Controls whose border or focus ring is under 3:1 against their background. A
    disabled control takes no focus (WCAG 1.4.11 exempts inactive components)."""
    selector = ", ".join(f"{part.strip()}:not(:disabled)" for part in selector.split(","))
    page.keyboard.press("Tab")  # so that focus() counts as keyboard focus (focus-visible)
    found = page.evaluate(CONTRAST_JS, selector)
    return [
        f"{item['what']}: border {item['border'] and round(item['border'], 2)}, "
        f"focus {round(item['focus'], 2)}"
        for item in found
        if (item["border"] is not None and item["border"] < 3) or item["focus"] < 3
    ]
