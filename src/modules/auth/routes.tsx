import type { Module } from '../index.js';

export const authModule: Module = {
  name: 'auth',
  register() {},
};
