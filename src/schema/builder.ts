import SchemaBuilder from '@pothos/core';
import DirectivePlugin from '@pothos/plugin-directives';
import FederationPlugin from '@pothos/plugin-federation';
import { DateTimeResolver } from 'graphql-scalars';
import type { Context } from '../context.js';

export const builder = new SchemaBuilder<{
  Context: Context;
  Scalars: { DateTime: { Input: Date; Output: Date } };
}>({ plugins: [DirectivePlugin, FederationPlugin] });

builder.addScalarType('DateTime', DateTimeResolver);
builder.queryType({
  description: 'Reads of DRS jobs. Each field names the DRS API behind it and what it costs in calls.',
});
