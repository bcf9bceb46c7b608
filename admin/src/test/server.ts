/** The mock API for component tests: handlers are added per test with `server.use(...)`. */
import { setupServer } from 'msw/node';

export const server = setupServer();
