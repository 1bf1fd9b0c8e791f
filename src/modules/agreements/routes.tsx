import type { Module } from '../index.js';

export const agreementsModule: Module = {
  name: 'agreements',
  register() {},
};
