namespace AppealStudio.Core.Evidence;

public sealed partial class EvidenceLexicon
{
    /// <summary>
    /// The built-in lexicon. Patterns are .NET regular expressions matched case-insensitively (use <c>(?-i:...)</c>
    /// for case-sensitive parts such as "RT"/"LT"); they describe how notes generally word a fact, not any one
    /// practice's notes. Weights: 3 = the fact the denial turns on, 2 = supporting, 1 = context.
    /// </summary>
    internal const string DefaultYaml = """
topics:
  - name: modifier-59
    description: Distinct procedural service (CPT 59 / XE, XS, XP, XU) denied as bundled under an NCCI edit.
    aliases: [bundling, bundling-ncci, ncci, modifier-x, xs, xe, xu]
    facts:
      - label: distinct_site
        description: Distinct anatomic site, compartment or structure
        weight: 3
        patterns:
          - '\b(?:medial|lateral|patellofemoral|anterior|posterior)\s+compartment\b'
          - '\b(?:separate|different|distinct)\s+(?:anatomic(?:al)?\s+)?(?:sites?|locations?|structures?|organs?(?:\s+systems?)?|areas?|regions?|compartments?|joints?|knee|shoulder|hip|ankle|elbow|wrist|limb|extremity|digits?|fingers?|toes?|spinal\s+levels?|levels?)\b'
          - '\bcontralateral\b'
          - '\b(?:opposite|other)\s+(?:knee|shoulder|hip|ankle|elbow|wrist|hand|foot|side|limb|extremity)\b'
      - label: laterality
        description: Laterality of each procedure
        weight: 1
        patterns:
          - '\b(?:left|right|bilateral)\s+(?:knee|shoulder|hip|ankle|elbow|wrist|hand|foot|leg|arm|thigh|forearm|finger|thumb|toe|breast|eye|ear|lung|kidney|side|upper|lower)s?\b'
          - '(?-i:(?<![A-Za-z0-9])-?(?:RT|LT)\b)'
      - label: separate_incision
        description: Separate incision, portal or approach
        weight: 3
        patterns:
          - '\b(?:separate|different|additional|second|new|distinct)\s+(?:skin\s+)?(?:(?:anterolateral|anteromedial|posterolateral|posteromedial|lateral|medial|superior|inferior)\s+(?:and\s+(?:anterolateral|anteromedial|posterolateral|posteromedial|lateral|medial)\s+)?)?(?:incisions?|portals?|approach(?:es)?|excisions?)\b'
          - '\bseparately\s+(?:prepped|prepared|draped|incised)\b'
      - label: separate_session
        description: Separate session or encounter
        weight: 3
        patterns:
          - '\b(?:separate|different|distinct|second|subsequent)\s+(?:operative\s+)?(?:sessions?|encounters?|visits?)\b'
          - '\b(?:returned|came\s+back)\b[^.;\n]{0,40}?\blater\s+(?:that|the\s+same)\s+day\b'
          - '\blater\s+(?:that|the\s+same)\s+day\b'
      - label: separate_injury
        description: Separate injury or lesion
        weight: 3
        patterns:
          - '\b(?:separate|different|distinct|second|another|additional|unrelated)\s+(?:injury|injuries|lesions?|wounds?|lacerations?|fractures?|defects?)\b'
          - '\b(?:unrelated|not\s+related)\s+to\s+the\s+(?:primary|first|other)\s+(?:procedure|lesion|injury)\b'
      - label: not_overlapping
        description: The second service did not overlap the first
        weight: 2
        negatable: false
        patterns:
          - '\bno\s+(?:\w+\s+){0,2}(?:procedure|work|debridement|chondroplasty)\s+was\s+(?:performed|done)\s+(?:on|in)\s+the\s+(?:left|right|same|other|\w+\s+compartment)\b'
          - '\b(?:did\s+not|does\s+not)\s+overlap\b'
          - '\bnon-?overlapping\b'

  - name: modifier-25
    description: Significant, separately identifiable E/M on the day of a procedure or test (modifier 25).
    aliases: [em-same-day, e-m-modifier-25]
    facts:
      - label: new_problem
        description: New or separate problem
        weight: 3
        patterns:
          - '\bnew[- ]onset\b'
          - '\bnew\s+(?:complaints?|problems?|symptoms?|diagnos[ie]s|findings?|concerns?|rash|lesions?|pain|edema|murmur|arrhythmia|atrial\s+fibrillation|(?:bilateral\s+|unilateral\s+)?(?:ankle|leg|pedal)\s+edema)\b'
          - '\bnewly\s+(?:diagnosed|identified|noted|detected)\b'
          - '\b(?:unrelated|separate)\s+(?:complaint|problem|issue|condition)s?\b'
      - label: worsening
        description: Significant worsening of a known problem
        weight: 3
        patterns:
          - '\bworsen(?:ing|ed|s)?\b'
          - '\b(?:uncontrolled|poorly\s+controlled|not\s+at\s+goal|above\s+goal)\b'
          - '\bexacerbation\b'
          - '\b(?:progression|deteriorat(?:ion|ing|ed)|decompensat(?:ion|ed)|volume\s+overload)\b'
      - label: medication_change
        description: Medication started, stopped or changed
        weight: 3
        patterns:
          - '\b(?:start(?:ed)?|initiat(?:e|ed)|began|begin|prescrib(?:e|ed)|add(?:ed)?|increas(?:e|ed)|decreas(?:e|ed)|titrat(?:e|ed)|adjust(?:ed)?|switch(?:ed)?|discontinu(?:e|ed)|reduc(?:e|ed)|resum(?:e|ed))\b[^.;\n]{0,60}?\b\d+(?:\.\d+)?\s*(?:mg|mcg|units?|mL|g)\b'
          - '\b(?:medications?|dose|dosage|regimen)\s+(?:was\s+|were\s+)?(?:changed|adjusted|increased|decreased|titrated|started|stopped)\b'
          - '\bnew\s+prescription\b'
      - label: tests_ordered
        description: Tests ordered or referral made
        weight: 2
        patterns:
          - '\b(?:order(?:ed|ing)?|obtain(?:ed)?|arrang(?:e|ed)|schedul(?:e|ed)|request(?:ed)?)\b[^.;\n]{0,50}?\b(?:labs?|laboratory|blood\s+work|BMP|CMP|CBC|BNP|TSH|troponin|lipid\s+panel|A1c|ECG|EKG|Holter|(?:ambulatory\s+)?(?:cardiac\s+)?monitor|stress\s+test|CT|MRI|x-?rays?|imaging|ultrasound|biopsy|culture|catheterization)\b'
          - '\breferr(?:ed|al)\s+(?:to|for)\b'
      - label: independent_interpretation
        description: Independent interpretation or review of data
        weight: 2
        patterns:
          - '\b(?:independent(?:ly)?|personally)\s+(?:reviewed\s+and\s+(?:independently\s+)?)?(?:interpret(?:ed|ation)|reviewed)\b'
          - '\breviewed\s+(?:outside|external|prior)\s+(?:records|notes|imaging|films|studies)\b'
      - label: separately_identifiable
        description: Documented as separately identifiable from the procedure
        weight: 3
        patterns:
          - '\bseparately\s+identifiable\b'
          - '\bsignificant,?\s+and\s+separate\b'
          - '\b(?:distinct|separate)\s+from\s+(?:the\s+)?(?:procedure|echocardiogram|echo|injection|study|test)\b'
          - '\bbeyond\s+(?:the\s+)?(?:usual|routine|typical)\s+(?:pre-?\s*(?:and\s+post-?)?(?:operative|procedure|service)\s+)?work\b'
          - '\bnot\s+counted\s+toward\b'
      - label: plan
        description: Assessment and plan
        weight: 1
        patterns:
          - '(?m:^[ \t]*(?:#+[ \t]*)?(?:assessment\s+and\s+plan|assessment/plan|A/P|plan)[ \t]*:)'

  - name: physical-status
    description: ASA physical status modifier (P1-P6) and the systemic disease behind it.
    aliases: [anesthesia, asa, p-status, anesthesia-units, anesthesia-physical-status]
    facts:
      - label: asa_class
        description: ASA physical status class
        weight: 3
        patterns:
          - '\bASA\s*(?:class(?:ification)?|physical\s+status|PS)?\s*[:#-]?\s*(?:VI|IV|V|III|II|I|[1-6])(?:\s*-?\s*E)?\b'
          - '(?-i:\bP[1-6]\b)'
      - label: hba1c
        description: Hemoglobin A1c value
        weight: 2
        patterns:
          - '\b(?:Hb\s*)?A1c\b[^.;\n]{0,20}?\d{1,2}(?:\.\d)?\s*%'
          - '\bhemoglobin\s+A1c\b[^.;\n]{0,20}?\d{1,2}(?:\.\d)?'
      - label: kidney_disease
        description: Chronic kidney disease stage or renal function
        weight: 2
        patterns:
          - '\bCKD\s*(?:stage\s*)?(?:[1-5][ab]?|IV|V|III|II|I)\b'
          - '\bchronic\s+kidney\s+disease(?:,?\s*stage\s*(?:[1-5][ab]?|IV|V|III|II|I)\b)?'
          - '\b(?:ESRD|end[- ]stage\s+renal\s+disease)\b'
          - '\beGFR\s*(?:of\s*)?\d{1,3}\b'
      - label: dialysis
        description: Dialysis dependence
        weight: 3
        patterns:
          - '\b(?:hemo|peritoneal\s+)?dialysis\b'
      - label: ejection_fraction
        description: Reduced ejection fraction
        weight: 2
        patterns:
          - '\b(?:LV)?EF\b\s*(?:of|is|was|=|:)?\s*\d{1,2}(?:\s*(?:-|–|to)\s*\d{1,2})?\s*%'
          - '\bejection\s+fraction\b[^.;\n]{0,20}?\d{1,2}(?:\s*(?:-|–|to)\s*\d{1,2})?\s*%'
          - '\b(?:HFrEF|reduced\s+ejection\s+fraction)\b'
      - label: copd
        description: COPD or chronic lung disease
        weight: 2
        patterns:
          - '\b(?:COPD|chronic\s+obstructive\s+pulmonary\s+disease|emphysema)\b'
          - '\bhome\s+(?:O2|oxygen)\b'
          - '\bFEV1\b[^.;\n]{0,20}?\d'
      - label: obesity
        description: Body mass index / morbid obesity
        weight: 2
        patterns:
          - '\bBMI\b\s*(?:of|is|was|=|:)?\s*\d{2}(?:\.\d{1,2})?'
          - '\b(?:morbid|severe|class\s+(?:III|3))\s+obesity\b'
      - label: heart_failure
        description: Heart failure or cardiomyopathy
        weight: 2
        patterns:
          - '\b(?:CHF|HFrEF|HFpEF|congestive\s+heart\s+failure|heart\s+failure|cardiomyopathy)\b'
          - '\bNYHA\s*(?:class\s*)?(?:IV|III|II|I|[1-4])\b'
      - label: sleep_apnea
        description: Obstructive sleep apnea
        weight: 2
        patterns:
          - '\b(?:OSA|obstructive\s+sleep\s+apnea|sleep\s+apnea)\b'
          - '\b(?:CPAP|BiPAP)\b'
      - label: insulin_dependent
        description: Insulin-dependent diabetes
        weight: 2
        patterns:
          - '\binsulin[- ](?:dependent|requiring|treated)\b'
          - '\b(?:on|requires|requiring|takes|uses)\s+insulin\b'
          - '\binsulin\s+(?:glargine|detemir|degludec|lispro|aspart|NPH|pump)\b'
          - '\b(?:IDDM|type\s*1\s+diabetes)\b'
      - label: cardiac_disease
        description: Coronary or structural heart disease
        weight: 2
        patterns:
          - '\b(?:CAD|coronary\s+artery\s+disease|prior\s+(?:MI|myocardial\s+infarction)|CABG|coronary\s+stents?|ischemic\s+cardiomyopathy|severe\s+aortic\s+stenosis)\b'
      - label: functional_capacity
        description: Poor functional capacity
        weight: 1
        patterns:
          - '(?:<|\bless\s+than)\s*4\s*METs?\b'

  - name: session-length
    description: Psychotherapy time (90832 16-37, 90834 38-52, 90837 53+ minutes) and what the session contained.
    aliases: [psychotherapy-time, psychotherapy, session-time]
    derive: [duration]
    facts:
      - label: start_time
        description: Session start time
        weight: 2
        patterns:
          - '\b(?:session\s+)?(?:start(?:ed)?|began|begin|time\s+in)\s*(?:time)?\s*(?:[:=-]|at)?\s*\d{1,2}:\d{2}(?:\s*[ap]\.?\s?m\.?)?'
      - label: stop_time
        description: Session stop time
        weight: 2
        patterns:
          - '\b(?:session\s+)?(?:stop(?:ped)?|end(?:ed)?|finish(?:ed)?|time\s+out|concluded)\s*(?:time)?\s*(?:[:=-]|at)?\s*\d{1,2}:\d{2}(?:\s*[ap]\.?\s?m\.?)?'
      - label: time_range
        description: Session time range
        weight: 2
        patterns:
          - '\b\d{1,2}:\d{2}(?:\s*[ap]\.?\s?m\.?)?\s*(?:-|–|—|to|until)\s*\d{1,2}:\d{2}(?:\s*[ap]\.?\s?m\.?)?'
      - label: total_minutes
        description: Total psychotherapy minutes
        weight: 3
        patterns:
          - '\b(?:total(?:\s+(?:psychotherapy|session|face[- ]to[- ]face|therapy))?(?:\s+time)?|psychotherapy\s+time|session\s+(?:length|duration|time)|time\s+spent|duration)\s*(?:[:=-]|was|of)?\s*\d{1,3}\s*(?:minutes?|mins?)\b'
          - '\b\d{1,3}\s*(?:minutes?|mins?)\s+(?:of\s+)?(?:face[- ]to[- ]face\s+)?(?:psychotherapy|individual\s+therapy|family\s+therapy|counseling)\b'
      - label: session_rationale
        description: Why the session needed its length
        weight: 3
        negatable: false
        patterns:
          - '\b(?:extended|longer|full|additional)\s+(?:\d{1,3}[- ]minute\s+)?(?:session|time)\b[^.;\n]{0,80}?\b(?:needed|necessary|required|because|due\s+to|to\s+complete|to\s+allow)\b'
          - '\b(?:session|time)\s+(?:was\s+)?(?:extended|prolonged|lengthened)\b'
          - '\b(?:needed|necessary|required)\s+(?:the\s+|an\s+)?(?:full|extended|longer|additional)\s+(?:\d{1,3}[- ]minute\s+)?(?:session|time)\b'
          - '\b(?:medically\s+necessary|clinically\s+necessary)\s+to\s+(?:extend|continue)\b'
      - label: crisis_safety
        description: Crisis intervention, risk assessment or safety planning
        weight: 2
        patterns:
          - '\bsafety\s+plan(?:ning)?\b'
          - '\b(?:suicidal|homicidal)\s+(?:ideation|thoughts?)\b'
          - '\b(?:crisis|self[- ]harm|risk\s+assessment|means\s+restriction|C-SSRS)\b'
      - label: interventions
        description: Psychotherapeutic interventions used
        weight: 2
        patterns:
          - '\b(?:cognitive[- ]behavio(?:u)?ral\s+therapy|cognitive\s+restructuring|dialectical\s+behavio(?:u)?r(?:al)?\s+therapy|EMDR|eye\s+movement\s+desensitization|motivational\s+interviewing|(?:interoceptive\s+)?exposure\s+(?:and\s+response\s+prevention|therapy|practice|work)|behavioral\s+activation|psychoeducation|mindfulness|trauma[- ]focused|interpersonal\s+therapy|acceptance\s+and\s+commitment|solution[- ]focused|grounding\s+techniques?|relaxation\s+training|problem[- ]solving\s+therapy)\b'
          - '(?-i:\b(?:CBT|DBT|ACT|IPT|ERP|TF-CBT)\b)'
      - label: symptom_severity
        description: Standardized symptom scores
        weight: 2
        patterns:
          - '\b(?:PHQ-?9|GAD-?7|PCL-?5|BDI(?:-II)?|BAI|MADRS|HAM-?[AD]|Y-?BOCS)\b[^.;\n]{0,15}?\d{1,2}\b'

  - name: medical-necessity
    description: Medical necessity of the service (also the clinical half of authorization appeals).
    aliases: [necessity, experimental, level-of-care, medical-necessity-coding]
    facts:
      - label: conservative_treatment
        description: Conservative treatment tried, with its duration
        weight: 3
        patterns:
          - '\b(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|twelve|several)\+?\s*(?:weeks?|wks?|months?|mos?|years?)\s+of\s+(?:supervised\s+|formal\s+|conservative\s+|outpatient\s+)?(?:physical\s+therapy|PT|occupational\s+therapy|therapy|NSAIDs?|anti-?inflammator(?:y|ies)|injections?|bracing|rest|home\s+exercises?|chiropractic(?:\s+care)?|medications?|conservative\s+(?:care|treatment|management)|treatment)\b'
          - '\b(?:completed|underwent|tried|attended|failed)\s+(?:\d{1,2}|one|two|three|four|five|six|eight|ten|twelve|several)\+?\s*(?:weeks?|months?|sessions?|visits?)\s+of\b'
          - '\b(?:physical\s+therapy|PT|NSAIDs?|naproxen|ibuprofen|meloxicam|diclofenac|celecoxib|gabapentin|bracing|home\s+exercise\s+program|injections?|conservative\s+(?:care|treatment|management))\b[^.;\n]{0,50}?\bfor\s+(?:\d{1,2}|one|two|three|four|five|six|several|more\s+than\s+\d{1,2})\s*(?:weeks?|months?|years?)\b'
          - '\b(?:more\s+than|over|at\s+least)\s+\d{1,2}\s+(?:weeks?|months?)\s+of\s+conservative\b'
      - label: treatment_failure
        description: Treatment failed or gave no lasting relief
        weight: 2
        negatable: false
        patterns:
          - '\b(?:without|no|minimal|little|partial|temporary|transient)\s+(?:lasting\s+)?(?:relief|improvement|benefit|response)\b'
          - '\bfailed\s+(?:conservative|non-?operative|nonsurgical|medical)\s+(?:care|treatment|management|therapy)\b'
          - '\b(?:conservative|non-?operative)\s+(?:care|treatment|management)\s+(?:has\s+)?failed\b'
          - '\bdespite\s+(?:more\s+than\s+)?(?:\d{1,2}\s+(?:weeks?|months?)\s+of\s+)?(?:conservative|physical\s+therapy|medications?|treatment)\b'
      - label: imaging_findings
        description: Imaging or diagnostic study findings
        weight: 2
        patterns:
          - '\b(?:MRI|MR\s+imaging|CT(?:\s+scan)?|x-?rays?|radiographs?|ultrasound|EMG|nerve\s+conduction|imaging)\b[^.;\n]{0,60}?\b(?:shows?|showed|demonstrat(?:es|ed)|reveal(?:s|ed)|confirm(?:s|ed)|consistent\s+with|notable\s+for|significant\s+for)\b'
      - label: functional_limitation
        description: Functional limitation
        weight: 2
        patterns:
          - '\b(?:unable\s+to|inability\s+to|cannot|can''t|difficulty|trouble)\s+(?:\w+\s+){0,2}?(?:walk|stand|sit|sleep|work|climb|lift|drive|bear\s+weight|kneel|squat|dress|bathe|perform|reach|grip|concentrate)\w*'
          - '\b(?:limits?|limited|limiting|limitation|restricts?|restricted)\b[^.;\n]{0,40}?\b(?:ADLs?|activities\s+of\s+daily\s+living|work|walking|ambulation|function|range\s+of\s+motion|ROM|sleep)\b'
          - '\b(?:off\s+work|missed\s+(?:\d{1,2}\s+\w+\s+of\s+)?work|work\s+restrictions?)\b'
          - '\b(?:ODI|Oswestry(?:\s+Disability\s+Index)?|KOOS|WOMAC|QuickDASH|DASH|LEFS|NDI)\b[^.;\n]{0,15}?\d{1,3}'
          - '\bpain\s+(?:is\s+|score\s+|level\s+|rated\s+)?(?:of\s+)?\d{1,2}\s*/\s*10\b'
      - label: objective_deficit
        description: Objective examination findings
        weight: 2
        patterns:
          - '\b(?:absent|diminished|decreased)\s+(?:\w+\s+){0,2}reflex(?:es)?\b'
          - '\b[0-4][+-]?/5\s+(?:strength|weakness)\b'
          - '\bstrength\s+(?:is\s+)?[0-4][+-]?/5\b'
          - '\b(?:positive\s+straight\s+leg\s+raise|joint\s+effusion|instability|mechanical\s+(?:locking|catching)|muscle\s+atrophy)\b'
      - label: urgency
        description: Urgent or emergent circumstances
        weight: 2
        patterns:
          - '\b(?:emergen(?:t|cy)|urgent(?:ly)?|life[- ]threatening|limb[- ]threatening|cauda\s+equina|progressive\s+(?:neurologic(?:al)?\s+|motor\s+)?(?:deficit|weakness)|could\s+not\s+(?:safely\s+)?be\s+delayed|delay\s+(?:would|could)\s+(?:risk|cause|result))\b'
      - label: criteria_met
        description: Payer or guideline criteria met
        weight: 2
        patterns:
          - '\b(?:meets|met|satisfies|satisfied|fulfills)\b[^.;\n]{0,40}?\bcriteria\b'
      - label: diagnosis_code
        description: ICD-10-CM diagnosis code
        weight: 1
        patterns:
          - '(?-i:\b[A-TV-Z][0-9][0-9AB]\.[0-9A-TV-Z]{1,4}\b)'

  - name: authorization
    description: Authorization or referral denials; the clinical facts of medical necessity plus the authorization record.
    aliases: [prior-authorization, authorization-referral, referral, precertification, authorization-medical-necessity]
    include: [medical-necessity]
    facts:
      - label: authorization_reference
        description: Authorization or referral request and its number
        weight: 2
        patterns:
          - '\b(?:prior\s+)?(?:auth(?:orization)?|pre-?cert(?:ification)?|referral)\s+(?:number|#|no\.?|request|reference)\b[^.;\n]{0,60}'
          - '\breference\s+(?:number|#|no\.?)\s*[:#]?\s*(?-i:[A-Z]{1,4}-?\d[\dA-Z-]{3,})\b'
      - label: retro_reason
        description: Why authorization could not be obtained in advance
        weight: 2
        patterns:
          - '\b(?:after[- ]hours|weekend|holiday|same[- ]day\s+(?:add-?on|admission)|unscheduled|retroactive(?:ly)?|retro[- ]?auth(?:orization)?)\b'
          - '\b(?:unable\s+to|could\s+not)\s+(?:obtain|reach|contact)\b'
      - label: sessions_authorized
        description: Sessions or units authorized
        weight: 1
        patterns:
          - '\b\d{1,2}\s+(?:sessions?|visits?|units?)\s+(?:were\s+|was\s+)?(?:authori[sz]ed|approved)\b'
          - '\b(?:authori[sz]ed|approved)\s+(?:for\s+)?\d{1,2}\s+(?:sessions?|visits?|units?)\b'

  - name: eligibility
    description: Eligibility and coordination of benefits; the chart shows dates and coverage as recorded at the visit.
    aliases: [coordination-of-benefits, cob, demographic, eligibility-demographic, eligibility-coordination-of-benefits]
    include: [general]
    facts:
      - label: coverage
        description: Coverage or other insurance recorded at the visit
        weight: 2
        patterns:
          - '\b(?:primary|secondary|tertiary)\s+(?:insurance|payer|coverage|carrier|plan)\b'
          - '\b(?:workers''?\s+comp(?:ensation)?|auto\s+insurance|no-?fault|liability\s+carrier|COBRA)\b'
          - '\b(?:coverage|eligibility|insurance)\s+(?:was\s+)?(?:verified|confirmed|effective|terminated)\b'
          - '\b(?:member|subscriber|policy)\s*(?:ID|#|number)\s*:'

  - name: general
    description: Root causes the chart speaks to only generally (timely filing, coding, documentation...).
    aliases: [generic, timely-filing, coding, documentation, duplicate, credentialing, credentialing-enrollment, enrollment, non-covered, non-covered-benefit, contractual, contractual-other, other]
    facts:
      - label: date_of_service
        description: Date of service
        weight: 2
        patterns:
          - '\b(?:date\s+of\s+(?:service|surgery|procedure|visit)|DOS|service\s+date|visit\s+date|encounter\s+date|session\s+date)\s*:?[ \t]*[^\n]{0,5}\d'
      - label: diagnosis
        description: Diagnosis or assessment
        weight: 2
        patterns:
          - '\b(?:diagnos[ie]s|assessment|impression)\s*:'
          - '(?-i:\b[A-TV-Z][0-9][0-9AB]\.[0-9A-TV-Z]{1,4}\b)'
      - label: procedure
        description: Procedure performed and its code
        weight: 2
        patterns:
          - '(?-i:\b(?:CPT|HCPCS)\b)\s*(?:code\s*)?[:#]?\s*\d{4}[0-9A-Z]\b'
          - '(?-i:\b\d{4}[0-9T](?:-(?:[0-9]{2}|[A-Z][A-Z0-9]))+\b)'
          - '\bprocedures?(?:\s+performed)?\s*:'
      - label: plan
        description: Plan of care
        weight: 1
        patterns:
          - '\b(?:plan|recommendations?)\s*:'
      - label: signature
        description: Signed note
        weight: 1
        patterns:
          - '\b(?:electronically\s+)?signed\s+by\b'
""";
}
