import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { parseHash } from './routing/routes';
import { teamsHostPlausible } from './teams/connect';
import { preloadView } from './views/CurrentView';

// In Teams the connection to the host and the sign-in take a while: download the view meanwhile.
// (Elsewhere App's startSession does it, just after asking for /me.)
if (teamsHostPlausible()) preloadView(parseHash(window.location.hash).view);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
