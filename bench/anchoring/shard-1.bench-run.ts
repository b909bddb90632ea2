import { shard } from './shard';
shard(1);
