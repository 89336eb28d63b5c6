#!/usr/bin/env node
// Runs a command with the local stack's TLS certificate trusted. The Graph/identity simulator serves https
// (the Graph client only authenticates https requests), and Node reads NODE_EXTRA_CA_CERTS only at start-up,
// so the certificate must exist before the command's process begins.
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const repoRoot = path.resolve(__dirname, '..', '..');
const tlsDir = process.env.CANDOR_TLS_DIR || path.join(repoRoot, '.local', 'tls');
const certFile = path.join(tlsDir, 'cert.pem');
const keyFile = path.join(tlsDir, 'key.pem');

async function ensureCertificate() {
  if (fs.existsSync(certFile) && fs.existsSync(keyFile)) {
    const { X509Certificate } = require('node:crypto');
    const cert = new X509Certificate(fs.readFileSync(certFile));
    const daysLeft = (Date.parse(cert.validTo) - Date.now()) / 86_400_000;
    if (daysLeft > 7) return;
  }
  const selfsigned = require('selfsigned');
  const pems = await selfsigned.generate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    algorithm: 'sha256',
    notAfterDate: new Date(Date.now() + 365 * 86_400_000),
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, keyCertSign: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
  });
  fs.mkdirSync(tlsDir, { recursive: true });
  fs.writeFileSync(keyFile, pems.private, { mode: 0o600 });
  fs.writeFileSync(certFile, pems.cert);
}

ensureCertificate()
  .then(() => {
    const [command, ...args] = process.argv.slice(2);
    if (!command) {
      console.error('usage: with-local-ca <command> [args…]');
      process.exit(2);
    }
    const child = spawn(command, args, {
      stdio: 'inherit',
      shell: process.platform === 'win32',
      env: { ...process.env, NODE_EXTRA_CA_CERTS: certFile, CANDOR_TLS_DIR: tlsDir },
    });
    const forward = (signal) => child.kill(signal);
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, forward);
    child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  })
  .catch((error) => {
    console.error('with-local-ca: could not prepare the local certificate:', error);
    process.exit(1);
  });
