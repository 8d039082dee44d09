"""Optimizer update rules checked against literal numbers.

Independent check of engine/optimizers/ (docs/engine-api.md; the maths in docs/maths.md).
Every expected parameter value below is a literal: it was printed (repr precision) by
PyTorch 2.13.0 run in float64 (``foreach=False``) on the same start point and gradients, and
cross-checked against a separate NumPy transcription of the docs/maths.md table (they agree to
~1e-14 relative).  The expected effective learning rates are not exposed by torch; they
were computed from docs/maths.md "Adaptive learning rate" in NumPy float64 and pasted here.
Nothing here runs the engine's own maths to produce an expected value.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pytest

from engine import Parameter, optimizers
from engine.errors import ConfigError
from engine.order_stats import exact_median

RTOL = 1e-10
THETA0 = [1.0, -2.0, 0.5]
# gradient of ||theta||^2 - c.theta: g = 2*theta - C, evaluated at the current parameters
C = np.array([1.0, -0.5, 2.0])
LINEAR = "linear"
# a literal gradient sequence whose second moment shrinks, so AMSGrad's max(v̄, v) matters
AMS_G = [
    [3.0, -2.0, 1.0],
    [0.1, 0.2, -0.1],
    [0.05, -0.1, 0.3],
    [1.0, 1.0, 1.0],
    [0.01, 0.01, 0.01],
]


@dataclass(frozen=True)
class Case:
    name: str
    hyper: dict
    grads: object  # LINEAR or a literal list of gradients
    theta: list  # expected parameters after step 1, 2, ...
    eff_lr: list  # expected effective_lr() after step 1, 2, ...


CASES = {
    'sgd_plain': Case(
        'sgd', dict(lr=0.1), LINEAR,
        theta=[
            [0.9, -1.65, 0.6],
            [0.8200000000000001, -1.3699999999999999, 0.6799999999999999],
            [0.756, -1.146, 0.744],
            [0.7048, -0.9667999999999999, 0.7952],
        ],
        eff_lr=[
            [0.1, 0.1, 0.1],
            [0.1, 0.1, 0.1],
            [0.1, 0.1, 0.1],
            [0.1, 0.1, 0.1],
        ],
    ),
    'sgd_momentum': Case(
        'sgd', dict(lr=0.1, momentum=0.9), LINEAR,
        theta=[
            [0.9, -1.65, 0.6],
            [0.73, -1.055, 0.77],
            [0.5309999999999999, -0.35849999999999993, 0.9690000000000001],
            [0.3456999999999999, 0.2900500000000001, 1.1543],
            [0.20978999999999992, 0.7657350000000002, 1.29021],
        ],
        eff_lr=[
            [0.1, 0.1, 0.1],
            [0.1, 0.1, 0.1],
            [0.1, 0.1, 0.1],
            [0.1, 0.1, 0.1],
            [0.1, 0.1, 0.1],
        ],
    ),
    'sgd_dampening': Case(
        'sgd', dict(lr=0.1, momentum=0.9, dampening=0.3), LINEAR,
        theta=[
            [0.9, -1.65, 0.6],
            [0.754, -1.139, 0.746],
            [0.58704, -0.55464, 0.91296],
            [0.4245904, 0.013933599999999956, 1.0754096],
            [0.288943104, 0.4886991359999999, 1.2110568959999999],
        ],
        eff_lr=[
            [0.1, 0.1, 0.1],
            [0.1, 0.1, 0.1],
            [0.1, 0.1, 0.1],
            [0.1, 0.1, 0.1],
            [0.1, 0.1, 0.1],
        ],
    ),
    'sgd_nesterov': Case(
        'sgd', dict(lr=0.1, momentum=0.9, nesterov=True), LINEAR,
        theta=[
            [0.81, -1.335, 0.69],
            [0.6112000000000001, -0.6391999999999999, 0.8887999999999999],
            [0.44582400000000005, -0.060383999999999896, 1.054176],
            [0.33758848, 0.3184403200000001, 1.16241152],
            [0.2921412096, 0.4775057664000001, 1.2078587904],
        ],
        eff_lr=[
            [0.1, 0.1, 0.1],
            [0.1, 0.1, 0.1],
            [0.1, 0.1, 0.1],
            [0.1, 0.1, 0.1],
            [0.1, 0.1, 0.1],
        ],
    ),
    'sgd_weight_decay': Case(
        'sgd', dict(lr=0.1, momentum=0.5, weight_decay=0.1), LINEAR,
        theta=[
            [0.89, -1.63, 0.595],
            [0.7481, -1.1526999999999998, 0.71755],
            [0.620049, -0.7219829999999999, 0.8281395],
            [0.5258132099999999, -0.40500806999999994, 0.909524955],
        ],
        eff_lr=[
            [0.1, 0.1, 0.1],
            [0.1, 0.1, 0.1],
            [0.1, 0.1, 0.1],
            [0.1, 0.1, 0.1],
        ],
    ),
    'adagrad': Case(
        'adagrad', dict(lr=0.5), LINEAR,
        theta=[
            [0.50000000005, -1.5000000000142857, 0.99999999995],
            [0.5, -1.209380903159295, 1.0],
            [0.5, -1.005679427154375, 1.0],
            [0.5, -0.8529026223704986, 1.0],
        ],
        eff_lr=[
            [0.49999999995, 0.14285714285306123, 0.49999999995],
            [0.49999999995, 0.11624763874066774, 0.49999999995],
            [0.49999999995, 0.10616298246823534, 0.49999999995],
            [0.49999999995, 0.1010857245109745, 0.49999999995],
        ],
    ),
    'adagrad_full': Case(
        'adagrad',
        dict(lr=0.5, lr_decay=0.1, initial_accumulator_value=0.2, weight_decay=0.05),
        LINEAR,
        theta=[
            [0.5399866479850675, -1.5038139382357036, 0.9544726127572365],
            [0.49756752361162604, -1.240181139178305, 0.9728192518630622],
            [0.49029381881881434, -1.0664820080362452, 0.9750394829789861],
            [0.48858208471661907, -0.9413062425902995, 0.9754583112949725],
            [0.4880857517108484, -0.8463096486748387, 0.975561592859278],
        ],
        eff_lr=[
            [0.4381079542999358, 0.13782946160119341, 0.4661257566740887],
            [0.39654185393074115, 0.10207174509825145, 0.42340537259586386],
            [0.36344130866778457, 0.08504777174383188, 0.3881160814428686],
            [0.3354809624344471, 0.07423154099411171, 0.35826078583836585],
            [0.31151773571998326, 0.06644615597597822, 0.33267071579644064],
        ],
    ),
    'rmsprop': Case(
        'rmsprop', dict(lr=0.05), LINEAR,
        theta=[
            [0.5000000499999953, -1.500000014285714, 0.9999999500000047],
            [0.4999999997481143, -1.208413932242081, 1.0000000002518856],
            [0.5000000000025443, -1.003463409106859, 0.9999999999974557],
            [0.49999999999996136, -0.8494066938304831, 1.0000000000000386],
        ],
        eff_lr=[
            [0.4999999500000048, 0.14285713877551026, 0.4999999500000048],
            [0.5025188571245579, 0.1166344314844883, 0.5025188571245579],
            [0.5050504540353049, 0.10692171526334544, 0.5050504540353049],
            [0.5075948046610161, 0.10223238010920256, 0.5075948046610161],
        ],
    ),
    'rmsprop_centered': Case(
        'rmsprop', dict(lr=0.05, centered=True), LINEAR,
        theta=[
            [0.49748114287543954, -1.4974811068004081, 1.0025188571245605],
            [0.5000251522133612, -1.2034235119569636, 0.9999748477866388],
            [0.499999622113793, -0.9963304655404486, 1.000000377886207],
            [0.5000000075907891, -0.8405894046785459, 0.9999999924092109],
            [0.4999999998088882, -0.7198061018572203, 1.0000000001911118],
        ],
        eff_lr=[
            [0.5025188571245605, 0.1435768266284548, 0.5025188571245605],
            [0.5049927828609135, 0.11786054042840606, 0.5049927828609135],
            [0.507511987147282, 0.10860496086961564, 0.507511987147282],
            [0.5100437499638354, 0.10433786911614558, 0.5100437499638354],
            [0.5125884001931492, 0.10225657780557988, 0.5125884001931492],
        ],
    ),
    'rmsprop_momentum_wd': Case(
        'rmsprop', dict(lr=0.05, momentum=0.8, weight_decay=0.1), LINEAR,
        theta=[
            [0.5000000454545416, -1.5000000135135132, 0.9999999473684265],
            [0.077182069878811, -0.8078946028501384, 1.3473967961325592],
            [0.04363490742487608, -0.1260756139455483, 1.2956112678502532],
            [0.29337202756712205, 0.39409445000447013, 1.0046718176756875],
            [0.6075295974678663, 0.6723724089698512, 0.7338269873570639],
        ],
        eff_lr=[
            [0.45454541322314407, 0.13513513148283424, 0.5263157340720278],
            [0.4563593675558292, 0.11022845975323796, 0.5260316727094522],
            [0.3636481661690236, 0.1070841926371645, 0.3974560375945392],
            [0.30447489082117446, 0.10748595918576999, 0.3461663194311501],
            [0.29789604216421345, 0.10384021094396512, 0.3468990685836495],
        ],
    ),
    'rmsprop_all': Case(
        'rmsprop',
        dict(lr=0.01, alpha=0.9, eps=1e-06, centered=True, momentum=0.5, weight_decay=0.02),
        LINEAR,
        theta=[
            [0.9666667755987726, -1.9666666980539567, 0.5333332211002657],
            [0.9253530869194188, -1.9247428511911118, 0.5746198431292233],
            [0.8839971405249591, -1.8817655494682253, 0.6159021386423147],
            [0.8450042450739986, -1.839936542644691, 0.6547630888324442],
            [0.8088421140335679, -1.7996106368184348, 0.6907270916257636],
        ],
        eff_lr=[
            [0.03267963176590927, 0.009416186990407733, 0.03366992030329865],
            [0.025871662826310936, 0.007273141321373345, 0.02668353189600433],
            [0.023813606612923772, 0.006498082827052465, 0.024591651942759748],
            [0.023311089631705324, 0.006161566378760061, 0.024104167799966183],
            [0.023575443703995284, 0.006034623214303874, 0.024408105985261393],
        ],
    ),
    'adadelta': Case(
        'adadelta', dict(lr=1.0), LINEAR,
        theta=[
            [0.9968377381511013, -1.9968377236305563, 0.5031622618488987],
            [0.993603094828808, -1.9935960776159911, 0.506396905171192],
            [0.9903257187893333, -1.9903019354009954, 0.5096742812106667],
            [0.9870203908280716, -1.9869685352380748, 0.5129796091719284],
        ],
        eff_lr=[
            [0.0031622618488986636, 0.0009035075341267414, 0.0031622618488986636],
            [0.003255231108581296, 0.0009278612348226464, 0.003255231108581296],
            [0.0033198495651769176, 0.0009446402917755496, 0.0033198495651769176],
            [0.0033705431253156725, 0.0009577074228078104, 0.0033705431253156725],
        ],
    ),
    'adadelta_all': Case(
        'adadelta', dict(lr=0.5, rho=0.8, eps=0.0001, weight_decay=0.1), LINEAR,
        theta=[
            [0.9888219693844224, -1.9888198642767385, 0.5111772441267065],
            [0.9771532207645984, -1.9770683915801803, 0.522826783275434],
            [0.9652245809084158, -1.9649387638808535, 0.5347090820293774],
            [0.9531532510988195, -1.952525430255325, 0.546701759261447],
            [0.9410105455215011, -1.9398842273274362, 0.5587301127378937],
        ],
        eff_lr=[
            [0.01016184601416154, 0.0030216583035841925, 0.011765520133375295],
            [0.010839261800325403, 0.003196356123417731, 0.01257332948669464],
            [0.01133877669535928, 0.0033215079707127142, 0.013172349167650324],
            [0.01175429736868628, 0.0034230728852879164, 0.013672931043047929],
            [0.012123044093357564, 0.0035111493424339487, 0.014119007005738185],
        ],
    ),
    'adam': Case(
        'adam', dict(lr=0.1), LINEAR,
        theta=[
            [0.900000001, -1.9000000002857143, 0.599999999],
            [0.8011874216591668, -1.800196489808013, 0.6988125783408332],
            [0.7048712525602996, -1.7007384002451225, 0.7951287474397004],
            [0.6129153981900217, -1.6017891601069658, 0.8870846018099783],
            [0.5278144513706096, -1.5035274479567988, 0.9721855486293904],
        ],
        eff_lr=[  # γ / (√v̂ + ε): the factor on m̂ = m / (1 − β₁ᵗ)
            [0.09999999900000002, 0.02857142848979591, 0.09999999900000002],
            [0.11043758854512227, 0.029399483704005087, 0.11043758854512227],
            [0.12240662979845143, 0.030266089696076418, 0.12240662979845143],
            [0.13578896354134337, 0.031172236620839112, 0.13578896354134337],
            [0.15009625454706974, 0.03211866862681921, 0.15009625454706974],
        ],
    ),
    'adam_weight_decay': Case(
        'adam', dict(lr=0.1, betas=(0.8, 0.99), eps=1e-06, weight_decay=0.1), LINEAR,
        theta=[
            [0.9000000909090082, -1.9000000270270196, 0.5999998947369529],
            [0.8016668536986886, -1.8003524530646544, 0.6979266815240311],
            [0.7066809580328698, -1.7013177803360198, 0.7915439216976504],
            [0.6172590116686539, -1.6031737990214323, 0.8777950453227648],
            [0.536140739958094, -1.506213550764884, 0.9529070569265387],
        ],
        eff_lr=[  # γ / (√v̂ + ε): the factor on m̂ = m / (1 − β₁ᵗ)
            [0.09090900826453795, 0.027027019722427104, 0.10526304709152938],
            [0.09999989146197975, 0.027808625047121012, 0.11751212682693551],
            [0.11039081934128428, 0.028628366212278492, 0.13170670280789012],
            [0.12200493197851836, 0.029487066906136575, 0.1475812973346405],
            [0.13451762974294534, 0.030385290534634426, 0.16429770631735763],
        ],
    ),
    'adam_amsgrad': Case(
        'adam', dict(lr=0.1, betas=(0.8, 0.9), amsgrad=True), AMS_G,
        theta=[
            [0.9000000003333333, -1.9000000005, 0.400000001],
            [0.8361849601076069, -1.846395366833538, 0.34639536770298246],
            [0.7900821473169197, -1.805240173089402, 0.28837329175440574],
            [0.7348003181917419, -1.8059940162115065, 0.20972970948831432],
            [0.6922198588060757, -1.8068729154173508, 0.14899402169004733],
        ],
        eff_lr=[  # γ / (√v̂ + ε): the factor on m̂ = m / (1 − β₁ᵗ)
            [0.033333333222222226, 0.04999999975, 0.09999999900000002],
            [0.04594682896252297, 0.06892024328545113, 0.13784048562090223],
            [0.05487359180940333, 0.08231038748827164, 0.16462077362154331],
            [0.06181513620360803, 0.09272270401882872, 0.13753308936581865],
            [0.06745451096647287, 0.10118176610845098, 0.15008018825540598],
        ],
    ),
    'adam_no_amsgrad_same_grads': Case(
        'adam', dict(lr=0.1, betas=(0.8, 0.9)), AMS_G,
        theta=[
            [0.9000000003333333, -1.9000000005, 0.400000001],
            [0.8327745260601255, -1.8438070758681144, 0.34380707677409744],
            [0.7815895348861636, -1.7984002790276132, 0.28294996724742655],
            [0.7213173413583852, -1.7991581687150857, 0.20430638498133513],
            [0.6723822397841361, -1.8000895698039288, 0.14028730499683562],
        ],
        eff_lr=[  # γ / (√v̂ + ε): the factor on m̂ = m / (1 − β₁ᵗ)
            [0.033333333222222226, 0.04999999975, 0.09999999900000002],
            [0.048402341476709604, 0.07224804595528128, 0.14449609086660653],
            [0.06092262364120349, 0.09081359368100221, 0.1726643572617174],
            [0.06739527094469759, 0.09322043155911255, 0.13753308936581865],
            [0.07752131830914025, 0.10722595548818956, 0.1581935748867197],
        ],
    ),
    'adamw': Case(
        'adamw', dict(lr=0.1), LINEAR,
        theta=[
            [0.899000001, -1.8980000002857143, 0.5994999990000001],
            [0.7993083033773353, -1.7963034424122664, 0.6977229495373474],
            [0.7022582873540917, -1.6950628088650959, 0.7933786616355298],
            [0.6097503690179178, -1.594445376763685, 0.8846379007995668],
            [0.5243260045450483, -1.4946339772603114, 0.9690609071270806],
        ],
        eff_lr=[  # γ / (√v̂ + ε): the factor on m̂ = m / (1 − β₁ᵗ)
            [0.09999999900000002, 0.02857142848979591, 0.09999999900000002],
            [0.11054542123679158, 0.029416267443716854, 0.11038368947577458],
            [0.12264311688730747, 0.030300643799605998, 0.12227741567757293],
            [0.13616520717183464, 0.031225553211250052, 0.13556678032971375],
            [0.15059891068262815, 0.03219172721553652, 0.14978102410177238],
        ],
    ),
    'adamw_all': Case(
        'adamw', dict(lr=0.1, weight_decay=0.5, amsgrad=True, betas=(0.8, 0.9)), AMS_G,
        theta=[
            [0.8500000003333332, -1.8000000004999999, 0.37500000099999997],
            [0.7436849600909402, -1.6563953668085378, 0.30264536765298244],
            [0.660397899295706, -1.532420404723975, 0.22949102332175655],
            [0.5720961752057429, -1.4565532276098805, 0.1393728898895773],
            [0.5009109070597895, -1.3846044654352307, 0.07166855759683144],
        ],
        eff_lr=[  # γ / (√v̂ + ε): the factor on m̂ = m / (1 − β₁ᵗ)
            [0.033333333222222226, 0.04999999975, 0.09999999900000002],
            [0.04594682896252297, 0.06892024328545113, 0.13784048562090223],
            [0.05487359180940333, 0.08231038748827164, 0.16462077362154331],
            [0.06181513620360803, 0.09272270401882872, 0.13753308936581865],
            [0.06745451096647287, 0.10118176610845098, 0.15008018825540598],
        ],
    ),
    'nadam': Case(
        'nadam', dict(lr=0.1), LINEAR,
        theta=[
            [0.894354823220913, -1.8943548224663045, 0.605645176779087],
            [0.824670650640081, -1.8181836664005449, 0.675329349359919],
            [0.7647270435820582, -1.7482242983316785, 0.7352729564179418],
            [0.7099553019185495, -1.679487038711459, 0.7900446980814505],
            [0.6596390716585908, -1.6105183993839545, 0.8403609283414092],
            [0.6141557793829916, -1.5409829524242342, 0.8858442206170084],
        ],
        eff_lr=[
            [0.09999999900000002, 0.028571428489795922, 0.09999999900000002],
            [0.11104690482718878, 0.02944687881242289, 0.11104690482718878],
            [0.12117493349337716, 0.03019692344111144, 0.12117493349337716],
            [0.1312258971780634, 0.030906431825723023, 0.1312258971780634],
            [0.1414676558156384, 0.031608601831917466, 0.1414676558156384],
            [0.1519311567575143, 0.0323191125583197, 0.1519311567575143],
        ],
    ),
    'nadam_all': Case(
        'nadam', dict(lr=0.05, betas=(0.8, 0.95), weight_decay=0.1, momentum_decay=0.01), LINEAR,
        theta=[
            [0.9452330976208958, -1.9452330972710337, 0.5547669023004913],
            [0.9038479720982594, -1.9023920670567056, 0.5958001422456088],
            [0.8650335602729031, -1.8612171933465547, 0.6340308982481854],
            [0.8269513039934466, -1.8197414735867596, 0.6712538046623899],
            [0.7894035859774767, -1.7775672318308555, 0.7076036174515623],
            [0.7526466341175766, -1.7347403808456405, 0.7427587211744567],
        ],
        eff_lr=[
            [0.04545454504132232, 0.013513513476990504, 0.05263157839335181],
            [0.04795674109271924, 0.013730703357420049, 0.055999019325859656],
            [0.05028490417815913, 0.013924423722643554, 0.05915957337400879],
            [0.05264824999966554, 0.014113893274449738, 0.06239072512079453],
            [0.055131690620457474, 0.014306423559747384, 0.06580505337108107],
            [0.057776767335531616, 0.014505367312941808, 0.06945576034944809],
        ],
    ),
    'radam': Case(
        'radam', dict(lr=0.1), LINEAR,
        theta=[
            [0.9, -1.65, 0.6],
            [0.8105263157894738, -1.3368421052631578, 0.6894736842105262],
            [0.7311516799378521, -1.059030879782482, 0.7688483200621479],
            [0.6614148166550153, -0.8149518582925532, 0.8385851833449847],
            [0.6008239815404366, -0.6028839353915278, 0.8991760184595634],
            [0.5986940592409056, -0.6007540127798228, 0.9013059407590944],
            [0.5961440716002682, -0.5982014170746772, 0.9038559283997318],
            [0.593268229882635, -0.5953162595696389, 0.906731770117365],
        ],
        eff_lr=[
            [0.1, 0.1, 0.1],
            [0.1, 0.1, 0.1],
            [0.1, 0.1, 0.1],
            [0.1, 0.1, 0.1],
            [0.1, 0.1, 0.1],
            [0.0040989132327216285, 0.0011711182381378897, 0.0040989132327216285],
            [0.005569318465042667, 0.00159083489305024, 0.005569318465042667],
            [0.006993215397517604, 0.0019965017584772237, 0.006993215397517604],
        ],
    ),
    'radam_wd': Case(
        'radam', dict(lr=0.1, betas=(0.9, 0.99), weight_decay=0.1), LINEAR,
        theta=[
            [0.89, -1.63, 0.595],
            [0.7921578947368421, -1.300894736842105, 0.6795],
            [0.7059353272480092, -1.0108733734705766, 0.7539649446494465],
            [0.6307555480019071, -0.7579959341882332, 0.8188929358165347],
            [0.5660080205117333, -0.5402087962667392, 0.8748112550125939],
            [0.5593644144673543, -0.5335651899367244, 0.8814548609927916],
            [0.5514706908831394, -0.525645622667409, 0.889342734380519],
            [0.5426749986882994, -0.5167568866532869, 0.8981172562965676],
        ],
        eff_lr=[
            [0.1, 0.1, 0.1],
            [0.1, 0.1, 0.1],
            [0.1, 0.1, 0.1],
            [0.1, 0.1, 0.1],
            [0.1, 0.1, 0.1],
            [0.012089272246951145, 0.003594108119835195, 0.013998104571765773],
            [0.016524833052321723, 0.004909558590079085, 0.019136752346648397],
            [0.020864015221716603, 0.006190413142432436, 0.024168521721781907],
        ],
    ),
}

DEFAULT_TRAJ = {
    'sgd': [
        [0.999, -1.9965, 0.501],
        [0.998002, -1.993007, 0.501998],
    ],
    'adagrad': [
        [0.990000000001, -1.9900000000002858, 0.509999999999],
        [0.983000714177896, -1.9829492220716347, 0.516999285822104],
    ],
    'rmsprop': [
        [0.9000000099999991, -1.9000000028571429, 0.5999999900000009],
        [0.8373391779574925, -1.8312164102852004, 0.6626608220425075],
    ],
    'adadelta': [
        [0.9968377381511013, -1.9968377236305563, 0.5031622618488987],
        [0.993603094828808, -1.9935960776159911, 0.506396905171192],
    ],
    'adam': [
        [0.99900000001, -1.9990000000028572, 0.50099999999],
        [0.9980000527045227, -1.9980000149454784, 0.5019999472954773],
    ],
    'adamw': [
        [0.99899000001, -1.9989800000028572, 0.5009949999900001],
        [0.9979800633369658, -1.9979600254451944, 0.5019899376116572],
    ],
    'nadam': [
        [0.9978870964644183, -1.997887096449326, 0.5021129035355817],
        [0.996322670699133, -1.996320566593053, 0.503677329300867],
    ],
    'radam': [
        [0.999, -1.9965, 0.501],
        [0.9980010526315789, -1.9930036842105263, 0.5019989473684211],
    ],
}

SET_HYPER_TRAJ = [
    [0.900000001, -1.9000000002857143, 0.599999999],
    [0.8011874216591668, -1.800196489808013, 0.6988125783408332],
    [0.7915558047492801, -1.7902506808517238, 0.7084441952507199],
    [0.7820462874928934, -1.780321995436924, 0.7179537125071066],
]


def _grad(case_grads, theta, k):
    if isinstance(case_grads, str):
        return 2.0 * theta - C
    return np.array(case_grads[k], dtype=np.float64)


def _close(got, expected, what):
    got = np.asarray(got, dtype=np.float64)
    expected = np.asarray(expected, dtype=np.float64)
    assert got.shape == expected.shape, f"{what}: shape {got.shape} != {expected.shape}"
    np.testing.assert_allclose(got, expected, rtol=RTOL, atol=1e-300, err_msg=what)


def _run(case_id):
    """Yield (k, w, opt, grad_before_step) after each step of the case."""
    case = CASES[case_id]
    w = Parameter(np.array(THETA0, dtype=np.float64), "w")
    opt = optimizers.create(case.name, [w], **case.hyper)
    for k in range(len(case.theta)):
        g = _grad(case.grads, w.value.copy(), k)
        w.grad[...] = g
        g_before = w.grad.copy()
        opt.step()
        yield k, w, opt, g_before


@pytest.mark.parametrize("case_id", list(CASES))
def test_trajectory_matches_torch(case_id):
    case = CASES[case_id]
    for k, w, opt, _ in _run(case_id):
        _close(w.value, case.theta[k], f"{case_id}: theta after step {k + 1}")
        assert opt.t == k + 1, f"{case_id}: opt.t after step {k + 1} is {opt.t}"
        assert w.value.dtype == np.float64


@pytest.mark.parametrize("case_id", list(CASES))
def test_effective_lr_matches_the_documented_factor(case_id):
    case = CASES[case_id]
    for k, _w, opt, _ in _run(case_id):
        eff = opt.effective_lr()
        assert isinstance(eff, list) and len(eff) == 1, f"{case_id}: effective_lr() -> {eff!r}"
        _close(eff[0], case.eff_lr[k], f"{case_id}: effective_lr after step {k + 1}")


@pytest.mark.parametrize("case_id", list(CASES))
def test_step_does_not_modify_grad(case_id):
    # weight decay must build a new array (g + λθ), never add into p.grad in place
    for k, w, _, g_before in _run(case_id):
        np.testing.assert_array_equal(
            w.grad, g_before, err_msg=f"{case_id}: step {k + 1} modified w.grad in place")


def test_effective_lr_by_hand_adagrad_and_sgd():
    # adagrad, first step: s = g², effective lr = lr / (|g| + eps); g = 2θ0 − C = [1, -3.5, -1]
    w = Parameter(np.array(THETA0), "w")
    opt = optimizers.create("adagrad", [w], lr=0.5)
    w.grad[...] = [1.0, -3.5, -1.0]
    opt.step()
    _close(opt.effective_lr()[0], [0.5 / (1.0 + 1e-10), 0.5 / (3.5 + 1e-10), 0.5 / (1.0 + 1e-10)],
           "adagrad effective_lr step 1")
    # plain sgd: γ everywhere, also before any step (what the first step would use)
    v = Parameter(np.array(THETA0), "v")
    sgd = optimizers.create("sgd", [v], lr=0.3, momentum=0.9)
    _close(sgd.effective_lr()[0], [0.3, 0.3, 0.3], "sgd effective_lr before any step")


@pytest.mark.parametrize("variant", ["adam", "adamw", "amsgrad"])
def test_adam_effective_lr_at_t1_is_lr_over_abs_g_plus_eps(variant):
    # lr 0.1, one step with g = [1, -3.5, -1]: m = 0.1 g, v = 0.001 g², so m̂ = g and
    # √v̂ = √(0.001 g² / 0.001) = |g|; the factor on m̂ is γ / (|g| + ε) = 0.1 / (|g| + 1e-8),
    # not the factor on the raw m, (0.1 / 0.1) / (|g| + 1e-8), ten times larger
    w = Parameter(np.array(THETA0), "w")
    opt = optimizers.create(variant, [w], lr=0.1, weight_decay=0.0)
    w.grad[...] = [1.0, -3.5, -1.0]
    opt.step()
    _close(opt.effective_lr()[0], [0.1 / (1 + 1e-8), 0.1 / (3.5 + 1e-8), 0.1 / (1 + 1e-8)],
           f"{variant} effective_lr step 1")
    # θ1 = θ0 − factor·m̂ = θ0 − 0.1·g/(|g| + 1e-8): the real step per unit gradient is the factor
    _close(w.value, [1.0 - 0.1 / (1 + 1e-8), -2.0 + 0.35 / (3.5 + 1e-8), 0.5 + 0.1 / (1 + 1e-8)],
           f"{variant} theta step 1")


def test_amsgrad_effective_lr_at_t2_uses_the_running_max_of_v():
    # betas (0.5, 0.5), lr 0.1, eps 1e-8; g₁ = 2, g₂ = 0: v₁ = 0.5·4 = 2, v₂ = 0.5·2 = 1, v̄₂ = 2;
    # v̂ = v̄₂ / (1 − 0.25) = 8/3, factor = 0.1 / (√(8/3) + 1e-8) = 0.1 / 1.632993171...;
    # plain adam uses v₂: v̂ = 1 / 0.75 = 4/3, factor = 0.1 / (1.154700538... + 1e-8)
    for amsgrad, root in ((True, 1.6329931618554521), (False, 1.1547005383792515)):
        w = Parameter(np.array([1.0]))
        opt = optimizers.create("adam", [w], lr=0.1, betas=(0.5, 0.5), amsgrad=amsgrad)
        for g in (2.0, 0.0):
            w.grad[...] = g
            opt.step()
        _close(opt.effective_lr()[0], [0.1 / (root + 1e-8)], f"amsgrad={amsgrad} step 2")


# --- several parameters: a (2, 2) weight and a (2,) bias, adam lr 0.05, g = 2θ − 1 ----------
MULTI_W = [
    [[0.9500000005, -1.9500000001], [0.299999999, 2.9500000001]],
    [[0.9002061148561691, -1.90002887853487], [0.34940628813467983, 2.9000288785348705]],
    [[0.8507931372522075, -1.8501066458179851], [0.39756437213027446, 2.8501066458179856]],
]
MULTI_B = [
    [0.149999999375, -0.05000000041666667],
    [0.19971585729926122, -0.00016041943743032305],
    [0.24888996524735152, 0.04938858911813471],
]
MULTI_EFF_W = [  # on the m̂ footing: × (1 − 0.9³)
    [0.05532494325268644, 0.010202764809888614],
    [0.12240662804957349, 0.010202764809888614],
]
MULTI_EFF_B = [0.07093797627433035, 0.04532858540825231]


def test_several_parameters():
    w = Parameter(np.array([[1.0, -2.0], [0.25, 3.0]]), "layer0.weight")
    b = Parameter(np.array([0.1, -0.1]), "layer0.bias")
    opt = optimizers.create("adam", [w, b], lr=0.05)
    for k in range(3):
        w.grad[...] = 2.0 * w.value - 1.0
        b.grad[...] = 2.0 * b.value - 1.0
        opt.step()
        _close(w.value, MULTI_W[k], f"weight after step {k + 1}")
        _close(b.value, MULTI_B[k], f"bias after step {k + 1}")
    eff = opt.effective_lr()
    assert len(eff) == 2
    _close(eff[0], MULTI_EFF_W, "effective_lr of the weight after step 3")
    _close(eff[1], MULTI_EFF_B, "effective_lr of the bias after step 3")


# --- defaults --------------------------------------------------------------------------
DEFAULT_HYPER = {
    "sgd": dict(lr=1e-3, momentum=0.0, dampening=0.0, nesterov=False, weight_decay=0.0),
    "adagrad": dict(lr=1e-2, lr_decay=0.0, weight_decay=0.0, initial_accumulator_value=0.0,
                    eps=1e-10),
    "rmsprop": dict(lr=1e-2, alpha=0.99, eps=1e-8, weight_decay=0.0, momentum=0.0, centered=False),
    "adadelta": dict(lr=1.0, rho=0.9, eps=1e-6, weight_decay=0.0),
    "adam": dict(lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0, amsgrad=False),
    "adamw": dict(lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2, amsgrad=False),
    "nadam": dict(lr=2e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0, momentum_decay=4e-3),
    "radam": dict(lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0),
    "adamax": dict(lr=2e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0),
}


@pytest.mark.parametrize("name", list(DEFAULT_HYPER))
def test_default_hyper_values(name):
    w = Parameter(np.array(THETA0), "w")
    opt = optimizers.create(name, [w])
    for key, expected in DEFAULT_HYPER[name].items():
        assert key in opt.hyper, f"{name}: hyper has no {key!r}: {opt.hyper!r}"
        got = opt.hyper[key]
        if isinstance(expected, tuple):
            got = tuple(got)
        assert got == expected, f"{name}.{key}: default {got!r}, expected {expected!r}"
    assert opt.t == 0


@pytest.mark.parametrize("name", list(DEFAULT_TRAJ))
def test_default_hyper_two_steps(name):
    # two steps with no hyper-parameters given: the defaults must be torch's
    w = Parameter(np.array(THETA0), "w")
    opt = optimizers.create(name, [w])
    for k, expected in enumerate(DEFAULT_TRAJ[name]):
        w.grad[...] = 2.0 * w.value - C
        opt.step()
        _close(w.value, expected, f"{name} (defaults): theta after step {k + 1}")


def test_hyper_spec_lr_first():
    for name, cls in optimizers.REGISTRY.items():
        assert cls.specs[0].name == "lr", f"{name}: first HyperParam is {cls.specs[0].name!r}"
    for name, expected in DEFAULT_HYPER.items():
        names = {s.name for s in optimizers.REGISTRY[name].specs}
        assert set(expected) == names, f"{name}: specs {sorted(names)}"


# --- registry and menu -----------------------------------------------------------------


def test_menu_variants():
    menu = {label.lower(): (reg, dict(preset)) for label, reg, preset in optimizers.MENU}
    assert "momentum" in menu and "nesterov" in menu and "amsgrad" in menu, list(menu)
    reg, preset = menu["momentum"]
    assert reg == "sgd" and preset.get("momentum") == 0.9 and not preset.get("nesterov", False)
    reg, preset = menu["nesterov"]
    assert reg == "sgd" and preset.get("momentum") == 0.9 and preset.get("nesterov") is True
    reg, preset = menu["amsgrad"]
    assert reg == "adam" and preset.get("amsgrad") is True
    # every registry optimizer is reachable from the menu, and every entry can be created
    assert {reg for _, reg, _ in optimizers.MENU} == set(optimizers.REGISTRY)
    for label, reg, preset in optimizers.MENU:
        w = Parameter(np.array(THETA0), "w")
        opt = optimizers.create(reg, [w], **dict(preset))
        for key, value in dict(preset).items():
            assert opt.hyper[key] == value, f"menu {label}: {key}"


def test_menu_nesterov_preset_one_step():
    # sgd lr 0.1, momentum 0.9, nesterov, g = [1, -3.5, -1]:
    # b = g; g' = g + 0.9 b = 1.9 g; θ = θ0 − 0.1·1.9·g
    w = Parameter(np.array(THETA0), "w")
    preset = {label.lower(): dict(p) for label, _, p in optimizers.MENU}["nesterov"]
    opt = optimizers.create("sgd", [w], **{**preset, "lr": 0.1})
    w.grad[...] = [1.0, -3.5, -1.0]
    opt.step()
    _close(w.value, [1.0 - 0.19, -2.0 + 0.665, 0.5 + 0.19], "nesterov step 1")


# --- validation and live hyper-parameters ----------------------------------------------
def test_negative_lr_rejected():
    w = Parameter(np.array(THETA0), "w")
    with pytest.raises(ConfigError) as info:
        optimizers.create("adam", [w], lr=-1)
    msg = str(info.value)
    assert "lr" in msg and "-1" in msg, msg


@pytest.mark.parametrize("bad", [
    dict(momentum=0.0, nesterov=True),
    dict(momentum=0.9, dampening=0.5, nesterov=True),
])
def test_nesterov_needs_momentum_and_no_dampening(bad):
    w = Parameter(np.array(THETA0), "w")
    with pytest.raises(ConfigError):
        optimizers.create("sgd", [w], **bad)


@pytest.mark.parametrize("name,bad", [
    ("adam", dict(lr=float("nan"))),
    ("adam", dict(lr=float("inf"))),
    ("adam", dict(betas=(1.0, 0.999))),
    ("adam", dict(betas=(0.9, -0.1))),
    ("adam", dict(eps=-1e-8)),
    ("sgd", dict(momentum=-0.5)),
    ("sgd", dict(weight_decay=-0.1)),
    ("rmsprop", dict(alpha=-0.1)),
    ("adadelta", dict(rho=1.5)),
    ("adagrad", dict(lr_decay=-1.0)),
])
def test_invalid_hyper_rejected(name, bad):
    # torch rejects each of these with ValueError (except lr=inf, which the contract's
    # "a finite number > 0" rejects); ConfigError is the engine's ValueError
    w = Parameter(np.array(THETA0), "w")
    with pytest.raises(ConfigError):
        optimizers.create(name, [w], **bad)


def test_unknown_optimizer_rejected():
    w = Parameter(np.array(THETA0), "w")
    with pytest.raises((ConfigError, KeyError)):
        optimizers.create("adamax-not-here", [w])


def test_set_hyper_affects_next_step():
    # adam lr 0.1 for two steps, then set_hyper(lr=0.01) for steps 3 and 4 (torch: param_group lr)
    w = Parameter(np.array(THETA0), "w")
    opt = optimizers.create("adam", [w], lr=0.1)
    for k in range(4):
        if k == 2:
            opt.set_hyper(lr=0.01)
            assert opt.hyper["lr"] == 0.01
        w.grad[...] = 2.0 * w.value - C
        opt.step()
        _close(w.value, SET_HYPER_TRAJ[k], f"adam with set_hyper: theta after step {k + 1}")


def test_set_hyper_validates():
    w = Parameter(np.array(THETA0), "w")
    opt = optimizers.create("adam", [w], lr=0.1)
    with pytest.raises(ConfigError):
        opt.set_hyper(lr=-1)
    assert opt.hyper["lr"] == 0.1


def test_effective_lr_before_any_step_follows_a_live_lr_change():
    w = Parameter(np.zeros(3))
    opt = optimizers.create("adam", [w], lr=0.1)
    opt.set_hyper(lr=0.5)
    np.testing.assert_array_equal(opt.effective_lr()[0], [0.5, 0.5, 0.5])


def test_centered_rmsprop_stays_finite_when_the_gradient_never_varies():
    """v − ḡ² can round below zero for a constant gradient; its root must not be NaN."""
    rng = np.random.default_rng(0)
    g = rng.uniform(0.01, 10, 2000)
    w = Parameter(np.zeros(2000))
    opt = optimizers.create("rmsprop", [w], lr=1e-3, alpha=0.9, centered=True)
    with np.errstate(invalid="raise"):
        for _ in range(1000):
            w.grad[...] = g
            opt.step()
    assert np.isfinite(w.value).all()


# --- the effective-LR summary (trainer per layer, race per point) ---------------------------
def test_factor_summary_counts_a_float_factor_once_per_element():
    # a weight (3 elements, one float factor 0.1) and a bias with per-element factors
    assert optimizers.factor_summary([0.1, np.array([[0.3, 0.2]])], [3, 2]) == (0.1, 0.1, 0.3)
    assert optimizers.factor_summary([0.1, np.array([0.3, 0.2, 0.4])], [1, 3]) == (0.25, 0.1, 0.4)
    assert optimizers.factor_summary([0.02, 0.02], [5, 1]) == (0.02, 0.02, 0.02)


# --- Adamax (torch.optim.Adamax), worked out by hand ----------------------------------------
def test_adamax_three_steps_by_hand():
    # lr 0.1, betas (0.5, 0.5), eps 0.25, θ0 = [1, −2]; m ← ½m + ½g; u ← max(½u, |g| + ¼);
    # θ ← θ − (0.1 / (1 − ½ᵗ)) m/u; effective LR γ/u
    w = Parameter(np.array([1.0, -2.0]), "w")
    opt = optimizers.create("adamax", [w], lr=0.1, betas=(0.5, 0.5), eps=0.25)
    # t = 1, g = [2, −1]: m = [1, −0.5], u = max(0, [2.25, 1.25]) = [2.25, 1.25];
    # θ = θ0 − 0.2·[1/2.25, −0.5/1.25] = [1 − 4/45, −2 + 0.08]
    w.grad[...] = [2.0, -1.0]
    opt.step()
    _close(w.value, [41 / 45, -1.92], "adamax theta step 1")
    _close(opt.effective_lr()[0], [0.1 / 2.25, 0.1 / 1.25], "adamax effective_lr step 1")
    # t = 2, g = [−1, 0.5]: m = [0, 0] (no step); u = max([1.125, 0.625], [1.25, 0.75])
    w.grad[...] = [-1.0, 0.5]
    opt.step()
    _close(w.value, [41 / 45, -1.92], "adamax theta step 2")
    _close(opt.effective_lr()[0], [0.1 / 1.25, 0.1 / 0.75], "adamax effective_lr step 2")
    # t = 3, g = [0.1, 4]: m = [0.05, 2]; u = max([0.625, 0.375], [0.35, 4.25]) = [0.625, 4.25]
    # (the decayed maximum wins in the first element); γ/(1 − ⅛) = 0.8/7
    w.grad[...] = [0.1, 4.0]
    opt.step()
    _close(w.value, [41 / 45 - (0.8 / 7) * (0.05 / 0.625), -1.92 - (0.8 / 7) * (2.0 / 4.25)],
           "adamax theta step 3")
    _close(opt.effective_lr()[0], [0.1 / 0.625, 0.1 / 4.25], "adamax effective_lr step 3")


def test_adamax_defaults_and_weight_decay_first_step_by_hand():
    # defaults lr 2e-3, betas (0.9, 0.999), eps 1e-8; weight_decay 0.5: g' = g + 0.5θ;
    # θ0 = [1, −2], g = [0.5, 0.5]: g' = [1, −0.5], m = 0.1 g', u = |g'| + 1e-8,
    # θ1 = θ0 − (2e-3 / 0.1) · 0.1 g' / (|g'| + 1e-8)
    w = Parameter(np.array([1.0, -2.0]), "w")
    opt = optimizers.create("adamax", [w], weight_decay=0.5)
    w.grad[...] = [0.5, 0.5]
    opt.step()
    _close(w.value, [1.0 - 2e-3 / (1.0 + 1e-8), -2.0 + 2e-3 * 0.5 / (0.5 + 1e-8)],
           "adamax theta step 1 (defaults, weight decay)")
    _close(opt.effective_lr()[0], [2e-3 / (1.0 + 1e-8), 2e-3 / (0.5 + 1e-8)],
           "adamax effective_lr step 1 (defaults, weight decay)")


@pytest.mark.parametrize("name", sorted(optimizers.REGISTRY))
def test_state_dict_into_a_fresh_optimizer_continues_bit_for_bit(name):
    """Three steps, the state into a new optimizer, two more: equal to five straight."""
    def params():
        return [Parameter(np.array([[0.5, -1.0], [2.0, 0.25]])), Parameter(np.array([0.3]))]

    def steps(opt, ps, ts):
        for t in ts:
            for p in ps:
                p.grad[...] = np.sin(t * p.value) + 0.1 * t
            opt.step()

    straight_p = params()
    straight = optimizers.create(name, straight_p, lr=0.01)
    steps(straight, straight_p, range(1, 6))
    first_p = params()
    first = optimizers.create(name, first_p, lr=0.01)
    steps(first, first_p, range(1, 4))
    second = optimizers.create(name, first_p, lr=0.5)     # its lr comes from the state
    second.load_state_dict(first.state_dict())
    assert second.t == 3 and second.hyper == first.hyper
    steps(second, first_p, range(4, 6))
    assert all(np.array_equal(a.value, b.value) for a, b in zip(straight_p, first_p))


def test_nadam_keeps_its_momentum_product():
    """NAdam's Π = μ₁μ₂ after two steps (β₁ = 0.9, ψ = 0.004) survives the round trip."""
    opt = optimizers.create("nadam", [Parameter(np.array([1.0]))], lr=0.1)
    for _ in range(2):
        opt.params[0].grad[...] = 1.0
        opt.step()
    mu = [0.9 * (1 - 0.5 * 0.96 ** (t * 0.004)) for t in (1, 2)]
    assert opt.state_dict()["mu_product"] == pytest.approx(mu[0] * mu[1], rel=1e-15)
    twin = optimizers.create("nadam", [Parameter(np.array([1.0]))], lr=0.1)
    twin.load_state_dict(opt.state_dict())
    assert twin._mu_product == opt._mu_product


def test_load_state_dict_refuses_state_of_other_parameters():
    opt = optimizers.create("adam", [Parameter(np.zeros(2))], lr=0.1)
    opt.params[0].grad[...] = 1.0
    opt.step()
    other = optimizers.create("adam", [Parameter(np.zeros(3))], lr=0.1)
    with pytest.raises(ConfigError, match="optimizer state = 1 is not allowed: arrays shaped "
                                          "like the 1 parameters"):
        other.load_state_dict(opt.state_dict())
    assert other.t == 0 and other.state == [{}]


# --- float32 (model.dtype = "float32") -----------------------------------------------------
def test_one_float32_adam_step_by_literal_numbers():
    """θ0 = [1, −2], g = [0.5, −0.25], lr 0.1: PyTorch 2.13 in float32 (foreach=False) prints
    θ1 = [0.9000000357627869, −1.899999976158142], m = [0.05000000074505806,
    −0.02500000037252903]; the float64 step gives [0.900000002, −1.900000004]."""
    w = Parameter([1.0, -2.0], "w", np.float32)
    opt = optimizers.create("adam", [w], lr=0.1)
    w.grad[...] = [0.5, -0.25]
    opt.step()
    assert w.value.dtype == np.float32 and w.grad.dtype == np.float32
    assert w.value.tolist() == [0.9000000357627869, -1.899999976158142]
    assert opt.state[0]["m"].tolist() == [0.05000000074505806, -0.02500000037252903]
    assert all(a.dtype == np.float32 for a in opt.state[0].values())
    np.testing.assert_allclose(w.value, [0.900000002, -1.900000004], rtol=1e-7)


@pytest.mark.parametrize("name", sorted(optimizers.REGISTRY))
def test_every_optimizer_keeps_float32_and_follows_its_float64_steps(name):
    """Five steps on a float32 parameter: values, state and factors stay float32, and the
    values equal the float64 run's to float32 rounding (~1e-6 relative)."""
    runs = {}
    for dtype in (np.float64, np.float32):
        w = Parameter([[0.5, -1.0], [2.0, 0.25]], "w", dtype)
        opt = optimizers.create(name, [w], lr=0.01)
        for t in range(1, 6):
            w.grad[...] = np.sin(t * w.value) + 0.1 * t
            opt.step()
        runs[dtype] = (w.value, opt)
    value, opt = runs[np.float32]
    assert value.dtype == np.float32
    assert all(a.dtype == np.float32 for a in opt.state[0].values())
    factor = opt.raw_factors()[0]
    assert isinstance(factor, float) or factor.dtype == np.float32
    np.testing.assert_allclose(value, runs[np.float64][0], rtol=2e-6, atol=1e-7)


def test_load_state_dict_keeps_the_parameters_dtype():
    w = Parameter(np.zeros(2), "w", np.float32)
    opt = optimizers.create("adam", [w], lr=0.1)
    saved = {"t": 1, "hyper": dict(opt.hyper), "state": [{"m": np.ones(2), "v": np.ones(2),
                                                           "vmax": np.zeros(2)}],
             "factors": [np.array([0.5, 0.25])]}
    opt.load_state_dict(saved)
    assert [a.dtype for a in opt.state[0].values()] == [np.float32] * 3
    assert opt.raw_factors()[0].dtype == np.float32


# --- Quotient: the factor γ/d, summarised on d ---------------------------------------------
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("n", [1, 2, 3, 4, 71, 72, 1023, 1024, 1025, 5000, 5001])
def test_quotient_summary_equals_the_summary_of_the_divided_array_exactly(dtype, n):
    """Median (even sizes: the mean of the two middle ones), min and max of γ/d read off d
    are the very numbers the divided array gives: bit for bit, ties included."""
    rng = np.random.default_rng(n)
    d = (rng.lognormal(size=n) * 1e-3).astype(dtype)
    d[: n // 3] = d[0]                                 # many equal denominators
    q = optimizers.Quotient(0.003, d)
    divided = q.array()
    assert divided.dtype == dtype
    expected = (exact_median(divided), float(divided.min()), float(divided.max()))
    assert optimizers.factor_summary([q], [n]) == expected
    part = q[n // 2:]                                   # a slice, as the trainer takes a layer
    assert optimizers.factor_summary([part], [part.denom.size]) == \
        (exact_median(divided[n // 2:]), float(divided[n // 2:].min()),
         float(divided[n // 2:].max()))


def test_quotient_summary_of_literal_denominators():
    # γ = 1, d = [4, 1, 2, 8]: γ/d = [0.25, 1, 0.5, 0.125]: median (0.25 + 0.5)/2, min, max
    q = optimizers.Quotient(1.0, np.array([4.0, 1.0, 2.0, 8.0]))
    assert optimizers.factor_summary([q], [4]) == (0.375, 0.125, 1.0)
    assert optimizers.factor_summary([q[:3]], [3]) == (0.5, 0.25, 1.0)


def test_quotient_with_nan_or_zero_denominators_is_summarised_from_the_division():
    with np.errstate(divide="ignore"):
        q = optimizers.Quotient(1.0, np.array([0.0, 2.0, 4.0]))      # γ/0 = inf
        assert optimizers.factor_summary([q], [3]) == (0.5, 0.25, np.inf)
    q = optimizers.Quotient(1.0, np.array([np.nan, 2.0, 4.0]))
    median, lo, hi = optimizers.factor_summary([q], [3])
    assert np.isnan(lo) and np.isnan(hi)                 # as min/max of the divided array
