import { ts } from 'ts-morph';

export = ts;
