#!/usr/bin/env node
// The bundled entry (dist/bin.js holds @oclif/core in one chunk): resolving and compiling oclif's
// ~160 CommonJS modules one by one was most of every command's start-up time.
await import("../dist/bin.js");
