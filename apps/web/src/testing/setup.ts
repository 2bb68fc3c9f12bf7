import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

// Testing Library unmounts between tests on its own only when the runner exposes globals.
afterEach(cleanup);
