// Log in and sign up screens. They adapt to the node's registration mode (GET /auth/config): in
// invite mode sign-up asks for an invite (prefilled from a /#invite=CODE link), in closed mode there
// is none. Identity providers get "Sign in with …" buttons; a password reset link (/#reset=…) opens
// its own form.

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
 * @param {string} [o.error]   shown as an error above the form (e.g. a refused single sign-on)
 * @param {string} [o.invite]  an invite code from a /#invite= link: opens the sign-up form with it
 * @param {string} [o.reset]   a password reset secret from a /#reset= link: opens the reset form
 * @param {(res: {user, token, session_id}) => void} o.onAuthenticated
 */
export function renderAuth({ notice, error, invite, reset, onAuthenticated }) {
  const root = h('main', { class: 'auth', testid: 'auth-screen' });
  let mode = reset ? 'reset' : invite ? 'signup' : 'login';
  let config = { registration_mode: 'open', oidc_providers: [] };

  function render() {
    const card = mode === 'reset' ? resetForm() : mode === 'signup' && config.registration_mode !== 'closed' ? signupForm() : loginForm();
    root.replaceChildren(h('div', { class: 'auth-card' },
      h('div', { class: 'brand-large' }, h('span', { class: 'brand-mark', 'aria-hidden': 'true' }, 'P'), 'Parley'),
      notice ? h('p', { class: 'notice', testid: 'auth-notice', role: 'status' }, notice) : null,
      error ? h('p', { class: 'form-error', testid: 'auth-sso-error', role: 'alert' }, error) : null,
      card));
    const first = root.querySelector('input:not([readonly])');
    if (first) setTimeout(() => first.focus(), 0);
  }

  function switchTo(next) {
    mode = next;
    notice = null;
    error = null;
    render();
  }

  /** fieldFor(error): the field hint that should show a refusal (null: the form's own error line). */
  async function submit(button, errorSlot, work, fieldFor = () => null) {
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

  /** "Sign in with …" links: the browser goes to the node, which sends it on to the provider. */
  function ssoButtons() {
    const providers = config.oidc_providers || [];
    if (!providers.length) return null;
    return h('div', { class: 'sso-buttons', testid: 'sso-buttons' },
      providers.map((p) => {
        const url = new URL(p.start_url, location.href);
        if (invite) url.searchParams.set('invite', invite);
        return h('a', { class: 'button button-block', href: url.toString(), testid: 'sso-button', dataset: { provider: p.id } }, `Sign in with ${p.label}`);
      }),
      h('div', { class: 'sso-divider' }, 'or'));
  }

  function signupSwitch() {
    if (config.registration_mode === 'closed') {
      return h('p', { class: 'auth-switch', testid: 'signup-closed' }, 'Sign-up is closed: ask an admin for an account.');
    }
    return h('p', { class: 'auth-switch' }, 'No account yet? ',
      h('button', { type: 'button', class: 'link-button', testid: 'switch-to-signup', onclick: () => switchTo('signup') }, 'Sign up'));
  }

  function loginForm() {
    const username = h('input', { name: 'username', testid: 'username', autocomplete: 'username', required: true, autocapitalize: 'none', spellcheck: 'false' });
    const password = h('input', { name: 'password', type: 'password', testid: 'password', autocomplete: 'current-password', required: true });
    const err = h('p', { class: 'form-error', testid: 'auth-error', role: 'alert', hidden: true });
    const button = h('button', { type: 'submit', class: 'button button-primary button-block', testid: 'login-submit' }, 'Log in');
    return h('form', {
      class: 'auth-form', testid: 'login-form', novalidate: true,
      onsubmit: (e) => {
        e.preventDefault();
        if (!username.value.trim() || !password.value) {
          showError(err, { message: 'Enter your username and password.' });
          return;
        }
        submit(button, err, () => api.login({
          username: username.value.trim(), password: password.value, device_name: deviceName(),
        }));
      },
    },
    h('h1', null, 'Welcome back'),
    ssoButtons(),
    field('Username', username),
    field('Password', password),
    err,
    button,
    signupSwitch());
  }

  function signupForm() {
    const username = h('input', { name: 'username', testid: 'username', autocomplete: 'username', required: true, autocapitalize: 'none', spellcheck: 'false', maxlength: 32 });
    const displayName = h('input', { name: 'display_name', testid: 'display-name', autocomplete: 'nickname', maxlength: 64 });
    const email = h('input', { name: 'email', type: 'email', testid: 'email', autocomplete: 'email' });
    const password = h('input', { name: 'password', type: 'password', testid: 'password', autocomplete: 'new-password', required: true });
    const needsInvite = config.registration_mode === 'invite' || !!invite;
    const inviteCode = needsInvite
      ? h('input', { name: 'invite_code', testid: 'invite-code', value: invite || '', autocapitalize: 'none', spellcheck: 'false' })
      : null;
    const err = h('p', { class: 'form-error', testid: 'auth-error', role: 'alert', hidden: true });
    const button = h('button', { type: 'submit', class: 'button button-primary button-block', testid: 'signup-submit' }, 'Create account');
    const usernameCheck = liveCheck(username, 'username-error', usernameProblem);
    const passwordCheck = liveCheck(password, 'password-error', passwordProblem);
    return h('form', {
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
        if (config.registration_mode === 'invite' && !inviteCode.value.trim()) {
          showError(err, { message: 'Signing up here needs an invite code.' });
          return;
        }
        const body = { username: name, password: password.value };
        if (displayName.value.trim()) body.display_name = displayName.value.trim();
        if (email.value.trim()) body.email = email.value.trim();
        if (inviteCode && inviteCode.value.trim()) body.invite_code = inviteCode.value.trim();
        submit(button, err, () => api.register(body), (error) => {
          if (error.code === 'username_taken' || error.code === 'invalid_username') return usernameCheck.hint;
          if (error.code === 'invalid_password') return passwordCheck.hint;
          return null;
        });
      },
    },
    h('h1', null, 'Create your account'),
    invite ? h('p', { class: 'notice', testid: 'invite-notice' }, 'You were invited to this Parley.') : null,
    ssoButtons(),
    field('Username', username, usernameCheck.hint),
    field('Display name (optional)', displayName),
    field('Email (optional)', email),
    field('Password (8 characters or more)', password, passwordCheck.hint),
    inviteCode ? field('Invite code', inviteCode) : null,
    err,
    button,
    h('p', { class: 'auth-switch' }, 'Already have an account? ',
      h('button', { type: 'button', class: 'link-button', testid: 'switch-to-login', onclick: () => switchTo('login') }, 'Log in')));
  }

  function resetForm() {
    const password = h('input', { name: 'password', type: 'password', testid: 'reset-password', autocomplete: 'new-password', required: true });
    const err = h('p', { class: 'form-error', testid: 'auth-error', role: 'alert', hidden: true });
    const button = h('button', { type: 'submit', class: 'button button-primary button-block', testid: 'reset-submit' }, 'Set password');
    return h('form', {
      class: 'auth-form', testid: 'reset-form', novalidate: true,
      onsubmit: async (e) => {
        e.preventDefault();
        if (password.value.length < 8) {
          showError(err, { message: 'Passwords need at least 8 characters.' });
          return;
        }
        button.disabled = true;
        showError(err, null);
        try {
          await api.resetPassword(reset, password.value);
          reset = null;
          mode = 'login';
          notice = 'Your password was set. Log in with it.';
          render();
        } catch (ex) {
          showError(err, ex);
          button.disabled = false;
        }
      },
    },
    h('h1', null, 'Choose a new password'),
    field('New password (8 characters or more)', password),
    err,
    button,
    h('p', { class: 'auth-switch' },
      h('button', { type: 'button', class: 'link-button', testid: 'switch-to-login', onclick: () => switchTo('login') }, 'Back to log in')));
  }

  render();
  api.authConfig().then((c) => {
    if (!c) return;
    const changes = c.registration_mode !== config.registration_mode || (c.oidc_providers || []).length > 0;
    config = c;
    if (changes) render(); // so what was typed in the usual case is never lost
  }).catch(() => { /* offline: the plain forms still work once the server answers */ });
  return root;
}
