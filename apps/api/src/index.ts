/** @weegwijzer/api: the NestJS API. Start it with createApp(config) (tests) or bootstrap() (main.ts). */
export { createApp, DataDirBusyError, PortInUseError, type ApiApp, type CreateAppOptions } from './app/create-app';
export { bootstrap } from './app/bootstrap';
export { loadConfig, ConfigError, describeConfig, type AppConfig, type DemoConfig, type OidcConfig, type LogLevel } from './config/app-config';
export { JsonLogger } from './common/json-logger';
export { TOKEN_PREFIX, sha256Hex } from './auth/token.service';
export { renderApiTypes, API_TYPES_FILE } from './openapi/api-types.render';
export * from './api-types';
