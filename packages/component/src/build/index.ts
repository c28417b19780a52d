// Building components from core modules: `embed` and `new`.
export {
  embedComponentType,
  encodeComponentTypeMetadata,
  dummyModule,
  type EmbedOptions,
  type StringEncodingName,
} from './embed.js';
export { componentNew, componentNewModel, ComponentNewError, type ComponentNewOptions } from './new.js';
