export {
  startMariaDb,
  createTestDatabase,
  rootConnection,
  type MariaDbInfo,
  type MariaDbServer,
  type TestDatabase,
} from './mariadb.js';
