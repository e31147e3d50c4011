// Log in and sign up screens.

import { h } from '../dom.js';
import { api } from '../api.js';
import { deviceName } from '../format.js';
import { showError } from './dialog.js';

const USERNAME = /^[a-zA-Z0-9_.]{2,32}$/;

function field(label, input, hint) {
  return h('label', { class: 'field' }, h('span', { class: 'field-label' }, label), input, hint || null);
}

/** A message under a field that follows what is typed: shown once the field was left or submitted, or as it gets fixed. */
function liveCheck(input, testid, check) {
  const hint = h('span', { class: 'field-error', testid, role: 'alert', hidden: true });
  let touched = false;
  const run = () => {
    const problem = check(input.value);
    const show = !!problem && (touched || input.value.length > 0 && !hint.hidden);
    hint.hidden = !show;
    hint.textContent = show ? problem : '';
    input.setAttribute('aria-invalid', String(!!problem && touched));
    return problem;
  };
  input.addEventListener('input', () => {
    if (input.value.length >= 2) touched = true;
    run();
  });
  input.addEventListener('blur', () => {
    if (input.value) touched = true;
    run();
  });
  return { hint, validate: () => { touched = true; return run(); } };
}

function usernameProblem(value) {
  const v = value.trim();
  if (!v) return 'Choose a username.';
  if (/[^a-zA-Z0-9_.]/.test(v)) return 'Only letters, digits, _ and . are allowed.';
  if (v.length < 2) return 'At least 2 characters.';
  if (v.length > 32) return 'At most 32 characters.';
  return null;
}

function passwordProblem(value) {
  if (value.length < 8) return `At least 8 characters (${8 - value.length} more).`;
  return null;
}

/**
 * @param {object} o
 * @param {string} [o.notice]  shown above the form (e.g. why the user was logged out)
 * @param {(res: {user, token, session_id}) => void} o.onAuthenticated
 */
export function renderAuth({ notice, onAuthenticated }) {
  const root = h('main', { class: 'auth', testid: 'auth-screen' });
  let mode = 'login';

  function render() {
    const card = mode === 'login' ? loginForm() : signupForm();
    root.replaceChildren(h('div', { class: 'auth-card' },
      h('div', { class: 'brand-large' }, h('span', { class: 'brand-mark', 'aria-hidden': 'true' }, 'P'), 'Parley'),
      notice ? h('p', { class: 'notice', testid: 'auth-notice', role: 'status' }, notice) : null,
      card));
    const first = root.querySelector('input');
    if (first) setTimeout(() => first.focus(), 0);
  }

  function switchTo(next) {
    mode = next;
    notice = null;
    render();
  }

  /** fieldFor(error): the field hint that should show a refusal (null: the form's own error line). */
  async function submit(form, button, errorSlot, work, fieldFor = () => null) {
    showError(errorSlot, null);
    button.disabled = true;
    try {
      const res = await work();
      onAuthenticated(res);
    } catch (e) {
      const hint = fieldFor(e);
      if (hint) {
        hint.textContent = e.code === 'username_taken' ? 'That username is taken.' : e.message;
        hint.hidden = false;
      } else {
        showError(errorSlot, e);
      }
      button.disabled = false;
    }
  }

  function loginForm() {
    const username = h('input', { name: 'username', testid: 'username', autocomplete: 'username', required: true, autocapitalize: 'none', spellcheck: 'false' });
    const password = h('input', { name: 'password', type: 'password', testid: 'password', autocomplete: 'current-password', required: true });
    const error = h('p', { class: 'form-error', testid: 'auth-error', role: 'alert', hidden: true });
    const button = h('button', { type: 'submit', class: 'button button-primary button-block', testid: 'login-submit' }, 'Log in');
    const form = h('form', {
      class: 'auth-form', testid: 'login-form', novalidate: true,
      onsubmit: (e) => {
        e.preventDefault();
        if (!username.value.trim() || !password.value) {
          showError(error, { message: 'Enter your username and password.' });
          return;
        }
        submit(form, button, error, () => api.login({
          username: username.value.trim(), password: password.value, device_name: deviceName(),
        }));
      },
    },
    h('h1', null, 'Welcome back'),
    field('Username', username),
    field('Password', password),
    error,
    button,
    h('p', { class: 'auth-switch' }, 'No account yet? ',
      h('button', { type: 'button', class: 'link-button', testid: 'switch-to-signup', onclick: () => switchTo('signup') }, 'Sign up')));
    return form;
  }

  function signupForm() {
    const username = h('input', { name: 'username', testid: 'username', autocomplete: 'username', required: true, autocapitalize: 'none', spellcheck: 'false', maxlength: 32 });
    const displayName = h('input', { name: 'display_name', testid: 'display-name', autocomplete: 'nickname', maxlength: 64 });
    const email = h('input', { name: 'email', type: 'email', testid: 'email', autocomplete: 'email' });
    const password = h('input', { name: 'password', type: 'password', testid: 'password', autocomplete: 'new-password', required: true });
    const error = h('p', { class: 'form-error', testid: 'auth-error', role: 'alert', hidden: true });
    const button = h('button', { type: 'submit', class: 'button button-primary button-block', testid: 'signup-submit' }, 'Create account');
    const usernameCheck = liveCheck(username, 'username-error', usernameProblem);
    const passwordCheck = liveCheck(password, 'password-error', passwordProblem);
    const form = h('form', {
      class: 'auth-form', testid: 'signup-form', novalidate: true,
      onsubmit: (e) => {
        e.preventDefault();
        const name = username.value.trim();
        const badName = usernameCheck.validate();
        const badPassword = passwordCheck.validate();
        if (badName || !USERNAME.test(name)) {
          username.focus();
          return;
        }
        if (badPassword) {
          password.focus();
          return;
        }
        const body = { username: name, password: password.value };
        if (displayName.value.trim()) body.display_name = displayName.value.trim();
        if (email.value.trim()) body.email = email.value.trim();
        submit(form, button, error, () => api.register(body), (e) => {
          if (e.code === 'username_taken' || e.code === 'invalid_username') return usernameCheck.hint;
          if (e.code === 'invalid_password') return passwordCheck.hint;
          return null;
        });
      },
    },
    h('h1', null, 'Create your account'),
    field('Username', username, usernameCheck.hint),
    field('Display name (optional)', displayName),
    field('Email (optional)', email),
    field('Password (8 characters or more)', password, passwordCheck.hint),
    error,
    button,
    h('p', { class: 'auth-switch' }, 'Already have an account? ',
      h('button', { type: 'button', class: 'link-button', testid: 'switch-to-login', onclick: () => switchTo('login') }, 'Log in')));
    return form;
  }

  render();
  return root;
}
