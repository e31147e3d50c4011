// Tiny DOM builder. User data only ever reaches the page as text nodes or vetted attributes;
// there is deliberately no way to set innerHTML through it. Styles are set through the CSSOM
// (style: {property: value}), never as a style attribute, which the Content-Security-Policy refuses.

export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  if (props) {
    for (const [key, value] of Object.entries(props)) {
      if (value == null || value === false) continue;
      if (key === 'innerHTML' || key === 'outerHTML') throw new Error('h(): refusing to set HTML');
      if (key === 'class') el.className = value;
      else if (key === 'style') for (const [k, v] of Object.entries(value)) el.style.setProperty(k, String(v));
      else if (key === 'testid') el.setAttribute('data-testid', value);
      else if (key === 'dataset') for (const [k, v] of Object.entries(value)) { if (v != null) el.dataset[k] = String(v); }
      else if (key === 'text') el.textContent = String(value);
      else if (key === 'value') el.value = value;
      else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2).toLowerCase(), value);
      else if (typeof value === 'boolean') el.toggleAttribute(key, value);
      else el.setAttribute(key, String(value));
    }
  }
  append(el, children);
  return el;
}

export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child == null || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/** Runs fn at most once per animation frame (with a timer fallback for background tabs). */
export function coalesce(fn) {
  let pending = false;
  const run = () => {
    if (!pending) return;
    pending = false;
    fn();
  };
  return () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(run);
    setTimeout(run, 120);
  };
}

export function debounce(fn, ms) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}
