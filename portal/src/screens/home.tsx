import { api, data } from '../api/client.ts';
import { ErrorBox, Loading, Page } from '../components/ui.tsx';
import { useLoad } from '../hooks.ts';
import { label } from '../vocabulary.ts';

/** The home page: what waits for the signed-in person (GET /work), one tile a bucket, each opening its list. */
export function Home() {
  const work = useLoad(() => data(api.GET('/work')), []);
  const owner = (tile: { owner: string; unitName?: string; unitId?: string }) =>
    tile.owner === 'agency' ? 'Của cơ quan' : tile.owner === 'me' ? 'Của tôi' : `Của ${tile.unitName ?? tile.unitId ?? 'đơn vị'}`;
  return (
    <Page title="Việc của tôi">
      <ErrorBox error={work.error} />
      {work.loading && work.value === undefined ? <Loading what="công việc" /> : null}
      {work.value === undefined ? null : (
        <>
          <p className="total">
            Tổng số việc đang chờ: <strong data-testid="work-total">{work.value.total}</strong>
          </p>
          <ul className="tiles" aria-label="Công việc đang chờ">
            {work.value.tiles.map((tile) => (
              <li key={`${tile.owner}:${tile.unitId ?? ''}:${tile.bucket}`} className={tile.count > 0 ? 'tile busy' : 'tile'}>
                <a href={`#${portalListOf(tile.list)}`} data-bucket={tile.bucket} data-owner={tile.owner}>
                  <span className="count">{tile.count}</span>
                  <span className="what">{label('workBucket', tile.bucket)}</span>
                  <span className="whose">{owner(tile)}</span>
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
    </Page>
  );
}

/** The portal's list for an API list (`/documents?direction=incoming&status=arrived` → `/documents?…`). */
function portalListOf(list: string | undefined): string {
  return list ?? '/documents';
}
