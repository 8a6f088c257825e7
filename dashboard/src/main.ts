/** Entry point of the dashboard bundle (dashboard/app.js). */
import { registerCharts } from './charts/chart-setup';
import { startDashboard } from './dashboard';
import { findPage } from './page';
import { sessionTokenStore } from './token-store';

registerCharts();
startDashboard(findPage(document), sessionTokenStore(), window.location);
