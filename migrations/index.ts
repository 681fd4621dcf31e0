// Every migration, in order. The app and the TypeORM CLI both read this list.
import { Init1795347072919 } from './1795347072919-Init';
import { Jobs1795350872541 } from './1795350872541-Jobs';
import { Analytics1795351114014 } from './1795351114014-Analytics';
import { OutboxTxid1795353665056 } from './1795353665056-OutboxTxid';
import { JobWorkers1796104766486 } from './1796104766486-JobWorkers';
import { Routing1796110000000 } from './1796110000000-Routing';
import { KnowledgeBase1796120000000 } from './1796120000000-KnowledgeBase';
import { Import1796130000000 } from './1796130000000-Import';
import { KpiRollupGrains1796131000000 } from './1796131000000-KpiRollupGrains';
import { EscalationDeadline1796132000000 } from './1796132000000-EscalationDeadline';
import { SearchNonAsciiCodes1796133000000 } from './1796133000000-SearchNonAsciiCodes';
import { RequestHourCount1796139051240 } from './1796139051240-RequestHourCount';
import { KpiContribution1796150536539 } from './1796150536539-KpiContribution';
import { SearchBigramStatistics1796160000000 } from './1796160000000-SearchBigramStatistics';
import { ReferenceVersion1796162175528 } from './1796162175528-ReferenceVersion';

export const MIGRATIONS: Function[] = [Init1795347072919, Jobs1795350872541, Analytics1795351114014, OutboxTxid1795353665056, JobWorkers1796104766486, Routing1796110000000, KnowledgeBase1796120000000, Import1796130000000, KpiRollupGrains1796131000000, EscalationDeadline1796132000000, SearchNonAsciiCodes1796133000000, RequestHourCount1796139051240, KpiContribution1796150536539, SearchBigramStatistics1796160000000, ReferenceVersion1796162175528];
