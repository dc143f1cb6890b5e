# __appName__

A [Krepis](https://github.com/krepis) kernel app.

```sh
npm start          # http://localhost:3000 (PORT, DATA_DIR to change)
npm test           # type-check + node:test + kernel conformance
```

Add features with `krepis generate <template> <Name>` (`krepis generate --list` shows them), and
document the API with `krepis docs`. Every request carries its tenant in the `x-tenant-id`
header (default tenant: `default`).
