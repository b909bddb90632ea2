import { shard } from './shard';
shard(0);
