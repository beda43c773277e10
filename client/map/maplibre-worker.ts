import { setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';

// Bundled by Vite, MapLibre's worker is given explicitly; every module that makes a map imports this first.
setWorkerUrl(workerUrl);
