// The deal sidebar card: asks crmhost serve (GET /hubspot/card) for the deal owner's score with
// hubspot.fetch, which HubSpot signs with X-HubSpot-Signature-v3; serve answers from its last
// scorecard, never calling the CRM per view. TypeScript so that CI (tests/hubspot_app) checks every
// component and prop against the @hubspot/ui-extensions version pinned in package-lock.json.
import { useEffect, useState } from "react";
import {
  DescriptionList,
  DescriptionListItem,
  ErrorState,
  Flex,
  Link,
  LoadingSpinner,
  Tag,
  Text,
  hubspot,
} from "@hubspot/ui-extensions";
import type { CrmContext, TagProps } from "@hubspot/ui-extensions";

// Must be listed in app-hsmeta.json permittedUrls.fetch.
const BACKEND = "https://scores.example.com";

// What serve's /hubspot/card answers (host/serve/seller_card.hpp, hubspot_card_json).
interface KpiValue {
  value: number | null;
  previous: number | null;
  change: number | null;
}

interface SellerCard {
  deal_id: string;
  seller: { id: string | null; name: string | null };
  score: number | null;
  band: string | null;
  as_of: string;
  kpis: Partial<Record<string, KpiValue>>;
  drivers: { text: string };
  report_url: string | null;
}

// The variants of the pinned ui-extensions: a name it lacks (it has no "danger") fails the type check.
type TagVariant = NonNullable<TagProps["variant"]>;
const BAND_VARIANT: Record<string, TagVariant> = { A: "success", B: "info", C: "warning", D: "error" };

const percent = (v: number | null | undefined): string => (typeof v === "number" ? `${Math.round(v * 100)}%` : "n/a");

hubspot.extend<"crm.record.sidebar">(({ context }) => <SellerScoreCard context={context} />);

function SellerScoreCard({ context }: { context: CrmContext }) {
  const [card, setCard] = useState<SellerCard | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const url =
      `${BACKEND}/hubspot/card?dealId=${encodeURIComponent(context.crm.objectId)}` +
      `&portalId=${encodeURIComponent(context.portal.id)}`;
    hubspot
      .fetch(url, { method: "GET", timeout: 5000 })
      .then((response) => (response.ok ? response.json() : Promise.reject(new Error(`HTTP ${response.status}`))))
      .then((body: SellerCard) => setCard(body))
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [context.crm.objectId, context.portal.id]);

  if (error) {
    return (
      <ErrorState title="No seller score for this deal">
        <Text>{error === "HTTP 404" ? "Its owner has no score yet." : "The score service did not answer."}</Text>
      </ErrorState>
    );
  }
  if (!card) return <LoadingSpinner label="Loading the seller score" />;

  const winRate = card.kpis.win_rate;
  return (
    <Flex direction="column" gap="sm">
      <Flex direction="row" gap="sm" align="center">
        <Text format={{ fontWeight: "bold" }}>
          {card.seller.name}: {typeof card.score === "number" ? card.score.toFixed(1) : "no score"}
        </Text>
        {card.band && <Tag variant={BAND_VARIANT[card.band] ?? "default"}>{card.band}</Tag>}
      </Flex>
      <DescriptionList direction="column">
        <DescriptionListItem label="Win rate (trend)">
          <Text>
            {percent(winRate?.value)} (was {percent(winRate?.previous)})
          </Text>
        </DescriptionListItem>
        <DescriptionListItem label="Why">
          <Text>{card.drivers.text || "Average on every weighted KPI."}</Text>
        </DescriptionListItem>
        <DescriptionListItem label="Scored">
          <Text>{card.as_of}</Text>
        </DescriptionListItem>
      </DescriptionList>
      {card.report_url && <Link href={card.report_url}>Full report</Link>}
    </Flex>
  );
}
