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
} from './scalars.js';
export { EnumType, enumeration } from './enums.js';
export { RepeatedType, MapType, repeated, map } from './collections.js';
export { MessageType, message, type MessageProps } from './message.js';
export { encodeStream, encodeRest, goJson } from './encode.js';
