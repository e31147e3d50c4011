// The bearer token, kept in localStorage so a reload stays logged in.

const TOKEN_KEY = 'parley.token';
let expireHandler = () => {};
let expectedEnd = null;

function read(key) {
  try { return localStorage.getItem(key); } catch { return null; }
}

function write(key, value) {
  try {
    if (value == null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch { /* storage unavailable: the session lasts until the tab closes */ }
}

let memoryToken = read(TOKEN_KEY);

export const session = {
  get token() { return memoryToken; },
  save(token) { memoryToken = token; write(TOKEN_KEY, token); },
  clear() { memoryToken = null; write(TOKEN_KEY, null); },
  /** Registers what to do when the server says the token is no longer valid. */
  onExpire(fn) { expireHandler = fn; },
  expire(reason) {
    const why = expectedEnd || reason;
    expectedEnd = null;
    if (memoryToken) expireHandler(why);
  },
  /** The session is about to end on purpose (the account is being deleted): say this instead, however it ends. */
  expectEnd(reason) { expectedEnd = reason; },
};

export const prefs = {
  get(key, fallback) {
    const raw = read(`parley.${key}`);
    if (raw == null) return fallback;
    try { return JSON.parse(raw); } catch { return fallback; }
  },
  set(key, value) { write(`parley.${key}`, value == null ? null : JSON.stringify(value)); },
};
