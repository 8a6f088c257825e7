/**
 * The floor of `make bench`: Express 5 parsing JSON and answering 201, with
 * no validation and no database. Prints its port for the driver.
 */
import type { AddressInfo } from 'node:net';

import express from 'express';

const app = express();
app.use(express.json({ limit: '512kb' }));
app.post('/search_event', (_req, res) => {
  res.status(201).json({ status: 'created' });
});
app.get('/healthz', (_req, res) => {
  res.json({ status: 'ok' });
});

const server = app.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  console.log(`listening ${(server.address() as AddressInfo).port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
