{
  "name": "__appName__",
  "version": "0.1.0",
  "private": true,
  "type": "module",
  "engines": { "node": ">=20" },
  "scripts": {
    "build": "tsc -p tsconfig.json",
    "test": "tsc -p tsconfig.json && node --test dist/test/",
    "start": "tsc -p tsconfig.json && node dist/src/main.js"
  },
  "dependencies": __dependencies__,
  "devDependencies": __devDependencies__
}
