/** opencc-js ships its dictionaries as plain ES modules without types: each default-exports 「源 目标|源 目标|…」. */
declare module 'opencc-js/dict/*' {
  const dict: string;
  export default dict;
}
