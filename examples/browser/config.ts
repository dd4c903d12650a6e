/** What the example's server tells its page (`GET /config.json`, same origin): where to connect and which markets exist. */
export interface ExampleConfig {
  /** The data node's websocket base URL, e.g. `ws://127.0.0.1:3008`. */
  readonly node: string;
  /** The markets the page can show (the first by default, another with `?market=<id>`). */
  readonly markets: readonly ExampleMarket[];
}

/** A market as the page needs it: id, display name and decimal places. */
export interface ExampleMarket {
  /** The market id (64 hex characters). */
  readonly id: string;
  /** The instrument's code, or its name. */
  readonly name: string;
  /** Price decimal places, as the node sends them. */
  readonly decimalPlaces: string;
  /** Size decimal places, as the node sends them. */
  readonly positionDecimalPlaces: string;
}

/** The path the server serves the config at. */
export const CONFIG_PATH = '/config.json';
