// A service that cannot start because of how it was configured (missing folder, no way to log in,
// unreadable key file). Its message is written for the person running Wharf and names the setting;
// the CLI shows it and exits with code 2, the UI will show it next to the setting.
export class ServiceConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ServiceConfigError';
  }
}
