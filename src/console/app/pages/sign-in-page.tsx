import { useState, type FormEvent } from 'react';
import { useAction } from '../api/use-action.js';
import { signIn } from '../session/session-actions.js';
import { sessionNotice } from '../session/session-store.js';
import { ErrorMessage } from '../ui/messages.js';
import { Field } from '../ui/field.js';

/** Sign-in with email and password (the `login` mutation); says why an earlier session ended. */
export function SignInPage() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const signingIn = useAction();
  const notice = sessionNotice();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void signingIn.run(() => signIn(email, password));
  };
  return (
    <main id="main" className="sign-in">
      <h1>GitClub console</h1>
      <p>See what you may do, manage access, and ask for what you need.</p>
      {notice && <p role="status">{notice}</p>}
      <form onSubmit={submit} className="stacked-form">
        <Field label="Email">
          {(id) => (
            <input id={id} type="email" autoComplete="username" required value={email} onChange={(event) => setEmail(event.target.value)} />
          )}
        </Field>
        <Field label="Password">
          {(id) => (
            <input
              id={id}
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
          )}
        </Field>
        <button type="submit" disabled={signingIn.pending}>
          Sign in
        </button>
      </form>
      <ErrorMessage>{signingIn.error}</ErrorMessage>
    </main>
  );
}
