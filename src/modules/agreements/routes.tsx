import type { Module } from '../index.js';
import { registerAgreementsApi } from './api.js';

export const agreementsModule: Module = {
  name: 'agreements',
  register(r, deps) {
    registerAgreementsApi(r, deps);
  },
};
