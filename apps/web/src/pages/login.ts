import { ApiError, post } from '../api';
import { alertBox, clear, field, h } from '../dom';

export function renderLogin(main: HTMLElement, expired: boolean, onSignedIn: () => Promise<void>): void {
  clear(main);
  document.title = 'Sign in — ReliefTrace';
  const email = h('input', { type: 'email', name: 'email', autocomplete: 'username', required: true });
  const password = h('input', { type: 'password', name: 'password', autocomplete: 'current-password', required: true });
  const message = h('div', { 'aria-live': 'polite' });
  if (expired) message.append(alertBox('info', 'Your session expired. Please sign in again.'));
  const form = h('form', { class: 'card narrow', 'aria-labelledby': 'login-title' },
    h('h1', { id: 'login-title' }, 'Sign in'),
    message,
    field('E-mail', email),
    field('Password', password),
    h('button', { type: 'submit', class: 'primary' }, 'Sign in'),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clear(message);
    try {
      await post('/api/v1/auth/login', { email: email.value, password: password.value });
      await onSignedIn();
    } catch (error) {
      message.append(alertBox('error', error instanceof ApiError ? error.message : 'Could not sign in.'));
    }
  });
  main.append(form);
  email.focus();
}
