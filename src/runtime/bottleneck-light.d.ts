//! Purpose: types for Bottleneck's light build (the package types only its main entry; the API is the same, without clustering).
declare module "bottleneck/light.js" {
  import Bottleneck from "bottleneck";
  export default Bottleneck;
}
