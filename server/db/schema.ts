// The full Drizzle schema, assembled from each module's tables (used by the client and drizzle-kit).
export * from './schema/audit.js';
export * from './schema/auth.js';
export * from './schema/courses.js';
export * from './schema/org.js';
export * from './schema/reviews.js';
export * from './schema/teachers.js';
export * from './schema/training.js';
