// WCAG 2.1 contrast of every visible text element on the page, from its computed colours.
// Returns the elements below AA: 4.5:1 for normal text, 3:1 for large text (24px, or 18.66px bold).
() => {
  const parse = (text) => {
    const m = text.match(/rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/);
    return m ? [+m[1], +m[2], +m[3], m[4] === undefined ? 1 : +m[4]] : [0, 0, 0, 0];
  };
  const over = (top, bottom) => {
    const a = top[3];
    return [0, 1, 2].map((i) => top[i] * a + bottom[i] * (1 - a)).concat([1]);
  };
  const background = (element) => {
    const layers = [];
    for (let node = element; node && node.nodeType === 1; node = node.parentElement) {
      const colour = parse(getComputedStyle(node).backgroundColor);
      if (colour[3] > 0) layers.push(colour);
      if (colour[3] === 1) break;
    }
    return layers.reverse().reduce((below, layer) => over(layer, below), [255, 255, 255, 1]);
  };
  const luminance = (rgb) => {
    const [r, g, b] = rgb.slice(0, 3).map((v) => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const ratio = (a, b) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  const visible = (element) => {
    const box = element.getBoundingClientRect();
    const style = getComputedStyle(element);
    return box.width > 0 && box.height > 0 && box.right > 0 && box.bottom > 0 &&
      style.visibility !== "hidden" && style.display !== "none" && +style.opacity > 0;
  };
  const failures = [];
  for (const element of document.body.querySelectorAll("*")) {
    const ownText = [...element.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    const isControl = ["INPUT", "SELECT", "TEXTAREA"].includes(element.tagName) && element.type !== "hidden";
    if (!(ownText || isControl) || !visible(element)) continue;
    const style = getComputedStyle(element);
    const back = background(element);
    const fore = over(parse(style.color), back);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && +style.fontWeight >= 700);
    const needed = large ? 3 : 4.5;
    const found = ratio(fore, back);
    if (found < needed) {
      const text = (element.value || element.textContent || "").trim().slice(0, 40);
      failures.push(`${element.tagName.toLowerCase()}.${element.className} "${text}": ` +
        `${found.toFixed(2)}:1 < ${needed}:1 (${style.color} on rgb(${back.slice(0, 3).join(",")}))`);
    }
  }
  return failures;
}
