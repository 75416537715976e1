/** class-transformer's own metadata store (@Type), which it ships without typings at this path. */
declare module 'class-transformer/cjs/storage' {
  export { defaultMetadataStorage } from 'class-transformer/types/storage';
}
