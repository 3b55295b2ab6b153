import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createClient } from '../api/client.js';
import { App } from './App.js';
import { createAppStore } from './store.js';
import { StoreProvider } from './store-context.js';
import './styles.css';
import './transcription.css';

const rootElement = document.getElementById('root');
if (rootElement === null) throw new Error('index.html has no #root element');

// One client and one store for the life of the window.
const store = createAppStore(createClient());

createRoot(rootElement).render(
  <StrictMode>
    <StoreProvider store={store}>
      <App />
    </StoreProvider>
  </StrictMode>,
);
