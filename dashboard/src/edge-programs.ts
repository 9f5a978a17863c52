// Edge programs: curved arrows from @sigma/edge-curve for every fact (so parallel facts fan
// out), and a dashed variant for REPORTED and DISPUTED facts. Sigma has no dashed program;
// this one patches the curve program's fragment shader: the curve's nearest-point parameter t
// times the curve's length gives the distance along the edge, and every other dash-length
// stretch is left transparent. The picking pass stays solid so dashes stay clickable.
import { createEdgeCurveProgram } from "@sigma/edge-curve";

const CurvedArrow = createEdgeCurveProgram({ arrowHead: { extremity: "target", lengthToThicknessRatio: 2.5, widenessToThicknessRatio: 2 } });

const DASH_PX = 7.0;

function dashShader(src: string): string {
  const capture = "return mix(mix(b0, b1, t), mix(b1, b2, t), t);";
  if (!src.includes(capture) || !src.includes("float halfThickness")) {
    throw new Error("edge-programs: the curve shader changed; the dash patch no longer applies");
  }
  return src
    .replace("float det(vec2 a, vec2 b)", "float g_t;\nfloat det(vec2 a, vec2 b)")
    .replace(capture, "g_t = t;\n  " + capture)
    .replace(
      "float halfThickness",
      `#ifndef PICKING_MODE
  float along = g_t * length(v_cpC - v_cpA);
  if (mod(along, ${(2 * DASH_PX).toFixed(1)}) > ${DASH_PX.toFixed(1)}) { gl_FragColor = transparent; return; }
  #endif
  float halfThickness`,
    );
}

// The curve program's class type hides getDefinition; it is public on every sigma program.
type WithDefinition = { getDefinition(): { FRAGMENT_SHADER_SOURCE: string } };

export class DashedCurvedArrow extends CurvedArrow {
  getDefinition() {
    const def = (CurvedArrow.prototype as unknown as WithDefinition).getDefinition.call(this);
    return { ...def, FRAGMENT_SHADER_SOURCE: dashShader(def.FRAGMENT_SHADER_SOURCE) };
  }
}

export { CurvedArrow };
