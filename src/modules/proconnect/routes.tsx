import type { Module } from '../index.js';

export const proconnectModule: Module = {
  name: 'proconnect',
  register() {},
};
