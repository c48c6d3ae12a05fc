import { createContext } from 'react';
import type { TerminalHandoff } from './types.js';

/** Provided where the dashboard owns a real terminal (mountDashboard); absent in tests and elsewhere. */
export const TerminalHandoffContext = createContext<TerminalHandoff | undefined>(undefined);
