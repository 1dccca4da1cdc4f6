export * from '../../shared/plural.js';
