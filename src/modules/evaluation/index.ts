/** Public surface of the evaluation module (issue 12, convention art. 4). */
export { computeDashboard, type Dashboard, type IndicatorValue } from './compute-indicators.js';
export { peopleFigure, SMALL_CELL_THRESHOLD, suppressBreakdown } from './domain/indicators.js';
export { evaluationModule } from './routes.js';
