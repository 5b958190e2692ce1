import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { readDevIdentity } from './dev/devIdentity';
import { parseHash } from './routing/routes';
import { teamsHostPlausible } from './teams/connect';
import { testToken } from './teams/testToken';
import { preloadView } from './views/CurrentView';

// Someone is about to see a view (in Teams, or signed in for a local test): start downloading it
// now, beside the sign-in and /me, rather than after them.
if (teamsHostPlausible() || testToken() || readDevIdentity()) preloadView(parseHash(window.location.hash).view);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
