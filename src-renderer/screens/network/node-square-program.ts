/** Sigma's point program drawn as a filled square (no disc cut-out): the shape community nodes use. */
import type { Attributes } from 'graphology-types';
import { NodePointProgram } from 'sigma/rendering';

const SQUARE_FRAGMENT_SHADER = /* glsl */ `
precision mediump float;
varying vec4 v_color;
varying float v_border;
void main(void) {
  gl_FragColor = v_color;
}
`;

export class NodeSquareProgram<
  N extends Attributes = Attributes,
  E extends Attributes = Attributes,
  G extends Attributes = Attributes,
> extends NodePointProgram<N, E, G> {
  override getDefinition() {
    return { ...super.getDefinition(), FRAGMENT_SHADER_SOURCE: SQUARE_FRAGMENT_SHADER };
  }
}
