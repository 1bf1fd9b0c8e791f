import type { Module } from '../index.js';

export const adminModule: Module = {
  name: 'admin',
  register() {},
};
