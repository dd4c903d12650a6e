/** The proto3-JSON codec runtime the generated codecs are built from. */
export {
  FAIL,
  ProtoType,
  IoTsAdapter,
  asProtoType,
  isJsonObject,
  type Fail,
  type AbsentMode,
} from './proto-type.js';
export {
  ScalarType,
  protoString,
  protoBool,
  protoBytes,
  protoDouble,
  protoFloat,
  int32,
  uint32,
  int64,
  uint64,
  jsonValue,
  parseString,
  parseBool,
  parseInt64,
  parseUint64,
  parseInt32,
  parseUint32,
  parseDouble,
  parseBytes,
} from './scalars.js';
export { EnumType, enumeration, parseEnum } from './enums.js';
export { RepeatedType, MapType, repeated, map, decodeMapValues } from './collections.js';
export {
  stringField,
  boolField,
  int64Field,
  uint64Field,
  int32Field,
  uint32Field,
  doubleField,
  bytesField,
  enumField,
  repeatedField,
  mapField,
} from './fields.js';
export { MessageType, message, type MessageProps, type MessageDecoder } from './message.js';
export { encodeStream, encodeRest, goJson } from './encode.js';
