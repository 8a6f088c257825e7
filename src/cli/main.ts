#!/usr/bin/env node
import { ConfigError } from '../config';
import { contextFromEnvironment, createProgram } from './program';

/** Entry point of `search-analytics`: a bad setting or a failed command ends with one clear line. */
createProgram(contextFromEnvironment)
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    const message =
      error instanceof ConfigError
        ? `configuration error: ${error.message}`
        : String(error instanceof Error ? error.message : error);
    process.stderr.write(`search-analytics: ${message}\n`);
    process.exit(error instanceof ConfigError ? 2 : 1);
  });
