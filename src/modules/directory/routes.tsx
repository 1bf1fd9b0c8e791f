import type { Module } from '../index.js';

export const directoryModule: Module = {
  name: 'directory',
  register() {},
};
